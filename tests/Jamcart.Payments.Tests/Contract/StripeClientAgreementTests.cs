using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe;

using Shouldly;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The same answer from Stripe must come out of the adapter the same whichever client read it: the payment or refund
/// it describes, and for a refusal or a failure the same exception with the same code, limit and message.
/// </summary>
public sealed class StripeClientAgreementTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string, int, string> Refusals => new()
    {
        { "declined card", 402, """{"error":{"type":"card_error","code":"card_declined","decline_code":"insufficient_funds","message":"Your card has insufficient funds.","param":"payment_method","payment_intent":{"id":"pi_1","object":"payment_intent"}}}""" },
        { "amount under the minimum", 400, """{"error":{"type":"invalid_request_error","code":"amount_too_small","message":"Amount must be at least $0.50 usd","param":"amount"}}""" },
        { "amount over the maximum", 400, """{"error":{"type":"invalid_request_error","code":"amount_too_large","message":"Amount must be no more than $999,999.99 usd","param":"amount"}}""" },
        { "unknown payment", 404, """{"error":{"type":"invalid_request_error","code":"resource_missing","message":"No such payment_intent: 'pi_1'","param":"intent"}}""" },
        { "refused key", 401, """{"error":{"type":"invalid_request_error","message":"Invalid API Key provided: sk_test_****ture"}}""" },
        { "rate limited", 429, """{"error":{"type":"invalid_request_error","code":"rate_limit","message":"Too many requests."}}""" },
        { "idempotency conflict", 409, """{"error":{"type":"idempotency_error","message":"Keys for idempotent requests can only be used with the same parameters."}}""" },
        { "Stripe's own failure", 500, """{"error":{"type":"api_error","message":"Something went wrong."}}""" },
        { "a proxy's page", 502, "<html><body>Bad gateway</body></html>" },
        { "an unreadable success", 200, "not json" },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task a_refusal_or_failure_becomes_the_same_exception_with_either_client(string what, int status, string body)
    {
        var request = new CreatePaymentRequest("ord_1", new Money(1250, Currency.USD), "order:ord_1:create");
        await using var server = new CapturingServer((_, _) => new CannedAnswer(status, body));

        var thrown = new Dictionary<ApiClient, Exception?>();
        foreach (var client in Enum.GetValues<ApiClient>())
        {
            using var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client);
            thrown[client] = await Record.ExceptionAsync(() => provider.CreateAsync(request, Ct));
        }

        var (stripeNet, own) = (thrown[ApiClient.StripeNet].ShouldBeAssignableTo<PaymentProviderException>(what)!, thrown[ApiClient.OwnClient]);
        own.ShouldNotBeNull(what).GetType().ShouldBe(stripeNet.GetType(), what);
        own.Message.ShouldBe(stripeNet.Message, what);
        switch (stripeNet)
        {
            case PaymentDeclinedException declined:
                ((PaymentDeclinedException)own).Error.ShouldBe(declined.Error, what);
                ((PaymentDeclinedException)own).PaymentId.ShouldBe(declined.PaymentId, what);
                declined.PaymentId.ShouldBe("pi_1");
                break;
            case PaymentRequestRejectedException rejected:
                var ours = (PaymentRequestRejectedException)own;
                (ours.Code, ours.Param, ours.Limit).ShouldBe((rejected.Code, rejected.Param, rejected.Limit), what);
                break;
        }

        var expected = status switch
        {
            402 => typeof(PaymentDeclinedException),
            400 or 404 => typeof(PaymentRequestRejectedException),
            _ => typeof(PaymentProviderUnavailableException),
        };
        stripeNet.ShouldBeOfType(expected, what);
    }

    [Fact]
    public async Task a_payment_intent_becomes_the_same_payment_with_either_client()
    {
        // ISK: Stripe's unit is a hundredth of Jamcart's, in the amount and in the expanded charge's refund alike.
        const string intent = """
            {"id":"pi_1","object":"payment_intent","amount":500000,"currency":"isk","status":"requires_payment_method",
             "client_secret":"pi_1_secret_2","metadata":{"order_id":"ord_1","shop":"tea"},
             "last_payment_error":{"type":"card_error","code":"card_declined","decline_code":"lost_card","message":"Your card was declined."},
             "latest_charge":{"id":"ch_1","object":"charge","amount":500000,"amount_refunded":120000,"currency":"isk"}}
            """;
        await using var server = new CapturingServer((_, _) => new CannedAnswer(200, intent));

        var read = new List<ProviderPayment>();
        foreach (var client in Enum.GetValues<ApiClient>())
        {
            using var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client);
            read.Add(await provider.GetAsync("pi_1", Ct));
            read.Add(await provider.CancelAsync("pi_1", "order:ord_1:cancel", Ct));
        }

        var expected = new ProviderPayment(
            "pi_1",
            PaymentStatus.AwaitingPaymentMethod,
            new Money(5000, Currency.Get("ISK")),
            "ord_1",
            "pi_1_secret_2",
            new PaymentError("card_declined", "lost_card", "Your card was declined."),
            1200)
        {
            ProviderStatus = "requires_payment_method",
        };
        read[0].ShouldBe(expected);
        read[2].ShouldBe(read[0]);
        read[3].ShouldBe(read[1]);
        read[1].ClientSecret.ShouldBeNull();
    }

    [Theory]
    [InlineData("\"pi_1\"")]
    [InlineData("""{"id":"pi_1","object":"payment_intent"}""")]
    public async Task a_refund_becomes_the_same_refund_with_either_client(string paymentIntent)
    {
        var refund = $$$"""{"id":"re_1","object":"refund","amount":1000,"currency":"krw","payment_intent":{{{paymentIntent}}},"status":"pending","created":1795000000,"metadata":{"jamcart_refund_key":"order:ord_1:refund"}}""";
        await using var server = new CapturingServer((_, _) => new CannedAnswer(200, refund));

        var read = new List<ProviderRefund>();
        foreach (var client in Enum.GetValues<ApiClient>())
        {
            using var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client);
            read.Add(await provider.RefundAsync(new RefundRequest("pi_other", null, "order:ord_1:refund"), Ct));
        }

        read[0].ShouldBe(new ProviderRefund("re_1", "pi_1", 1000, "KRW", "pending", DateTimeOffset.FromUnixTimeSeconds(1_795_000_000)) { RequestKey = "order:ord_1:refund" });
        read[1].ShouldBe(read[0]);
    }

    private static StripeProviderOptions Options(Uri apiBase)
    {
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = "sk_test_capture",
            PublishableKey = "pk_test_capture",
            ApiBase = apiBase,
            MaxNetworkRetries = 0,
        };
        options.WebhookSecrets.Add("whsec_capture");
        return options;
    }
}
