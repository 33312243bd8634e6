using System.Diagnostics;

using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe;

using Shouldly;

using Stripe;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The adapter calls Stripe through Stripe.net, or, in the Native AOT build, through its own client (Stripe.net cannot be
/// compiled ahead of time): with either, what goes on the wire must be byte for byte what Stripe.net's services send
/// for the same call, and retried when and as often as Stripe.net retries it.
/// </summary>
public sealed class StripeRequestTests
{
    private const string Intent = """
        {"id":"pi_1","object":"payment_intent","amount":27000,"currency":"krw","status":"requires_payment_method",
         "client_secret":"pi_1_secret_2","metadata":{"order_id":"ord_1"}}
        """;

    private const string Refund = """
        {"id":"re_1","object":"refund","amount":1000,"currency":"krw","payment_intent":"pi_1","status":"succeeded","created":1795000000,
         "metadata":{"jamcart_refund_key":"order:ord_1:refund"}}
        """;

    // Headers Stripe reads; User-Agent and X-Stripe-Client-User-Agent only describe the client library.
    private static readonly string[] ComparedHeaders = ["Content-Type", "Content-Length", "Idempotency-Key", "Stripe-Version", "Authorization"];

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public void the_pinned_api_version_is_the_one_stripe_net_pins() =>
        StripeApiClient.ApiVersion.ShouldBe(StripeConfiguration.ApiVersion);

    [Theory]
    [ForEachApiClient("KRW", 27000, "Order ord_1")]
    [ForEachApiClient("USD", 1250, "Tea & cake: 100% [gift] for Jürgen, 50/50 + more")]
    [ForEachApiClient("KWD", 5120, null)]
    public async Task the_create_request_is_what_stripe_net_sends_for_the_same_options(ApiClient client, string currency, long minor, string? description)
    {
        var amount = new Money(minor, Currency.Get(currency));
        var request = new CreatePaymentRequest("ord_1", amount, "order:ord_1:create")
        {
            Description = description,
            Metadata = new Dictionary<string, string> { ["shop"] = "Tea & Co", ["note[1]"] = "a b" },
        };
        await using var server = new CapturingServer((_, _) => new CannedAnswer(200, Intent));

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client))
        {
            var payment = await provider.CreateAsync(request, Ct);
            payment.Id.ShouldBe("pi_1");
            payment.ClientSecret.ShouldBe("pi_1_secret_2");
        }

        await StripeNet(server).V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = StripeAmounts.ToStripe(amount),
                Currency = StripeAmounts.CurrencyCode(amount.Currency),
                Description = description,
                Metadata = new Dictionary<string, string>(request.Metadata) { ["order_id"] = "ord_1" },
                AllowedPaymentMethodTypes = ["card"],
            },
            new RequestOptions { IdempotencyKey = "order:ord_1:create" },
            Ct);

        ShouldBeTheSame(server.Requests, ours: 1);
    }

    [Theory]
    [ForEachApiClient("pi_1")]
    [ForEachApiClient("pi 1/x?y")]
    public async Task the_retrieve_request_is_what_stripe_net_sends(ApiClient client, string paymentId)
    {
        await using var server = new CapturingServer((_, _) => new CannedAnswer(200, Intent));

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client))
        {
            await provider.GetAsync(paymentId, Ct);
        }

        var options = new PaymentIntentGetOptions();
        options.AddExpand("latest_charge");
        await StripeNet(server).V1.PaymentIntents.GetAsync(paymentId, options, null, Ct);

        ShouldBeTheSame(server.Requests, ours: 1);
    }

    [Theory]
    [ForEachApiClient("re_1")]
    [ForEachApiClient("re 1/x?y")]
    public async Task the_refund_retrieve_request_is_what_stripe_net_sends(ApiClient client, string refundId)
    {
        await using var server = new CapturingServer((_, _) => new CannedAnswer(200, Refund));

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client))
        {
            (await provider.GetRefundAsync(refundId, Ct)).Status.ShouldBe("succeeded");
        }

        await StripeNet(server).V1.Refunds.GetAsync(refundId, null, null, Ct);

        ShouldBeTheSame(server.Requests, ours: 1);
    }

    [Theory]
    [ForEachApiClient("pi_1")]
    [ForEachApiClient("pi 1/x?y")]
    public async Task the_refund_list_requests_are_what_stripe_net_sends_page_after_page(ApiClient client, string paymentId)
    {
        // Two pages: the first says there is more after its last refund, the second ends the list.
        const string First = """
            {"object":"list","url":"/v1/refunds","has_more":true,"data":[
             {"id":"re_3","object":"refund","amount":300,"currency":"krw","payment_intent":"pi_1","status":"succeeded","created":1795000003,"metadata":{"jamcart_refund_key":"refund:ord_1:2:300"}},
             {"id":"re 2","object":"refund","amount":200,"currency":"krw","payment_intent":"pi_1","status":"failed","created":1795000002,"metadata":{},"failure_reason":"expired_or_canceled_card"}]}
            """;
        const string Second = """
            {"object":"list","url":"/v1/refunds","has_more":false,"data":[
             {"id":"re_1","object":"refund","amount":100,"currency":"krw","payment_intent":"pi_1","status":"succeeded","created":1795000001,"metadata":{"jamcart_refund_key":"refund:ord_1:1:100"}}]}
            """;
        await using var server = new CapturingServer((_, index) => new CannedAnswer(200, index % 2 == 0 ? First : Second));

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client))
        {
            var refunds = await provider.ListRefundsAsync(paymentId, Ct);
            refunds.Select(refund => (refund.Id, refund.Amount, refund.Status, refund.RequestKey)).ShouldBe([
                ("re_3", 300L, "succeeded", "refund:ord_1:2:300"),
                ("re 2", 200L, "failed", null),
                ("re_1", 100L, "succeeded", "refund:ord_1:1:100"),
            ]);
            refunds.ShouldAllBe(refund => refund.PaymentId == "pi_1" && refund.Currency == "KRW");
        }

        var stripe = StripeNet(server);
        await stripe.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = paymentId, Limit = 100 }, null, Ct);
        await stripe.V1.Refunds.ListAsync(new RefundListOptions { PaymentIntent = paymentId, Limit = 100, StartingAfter = "re 2" }, null, Ct);

        ShouldBeTheSame(server.Requests, ours: 2);
    }

    [Theory]
    [ForEachApiClient]
    public async Task the_shops_trace_context_is_not_sent_to_the_provider(ApiClient client)
    {
        await using var server = new CapturingServer((_, _) => new CannedAnswer(200, Intent));
        // A request of the functions runs inside an activity of its own (its trace id is the problems' traceId).
        using var activity = new Activity("checkout").SetIdFormat(ActivityIdFormat.W3C).Start();
        activity.AddBaggage("shop", "tea");

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client))
        {
            await provider.GetAsync("pi_1", Ct);
        }

        var headers = server.Requests.ShouldHaveSingleItem().Headers.Keys.Select(name => name.ToLowerInvariant());
        headers.ShouldNotContain("traceparent");
        headers.ShouldNotContain("tracestate");
        headers.ShouldNotContain("baggage");
        headers.ShouldNotContain("correlation-context");
        headers.ShouldNotContain("request-id");
    }

    [Theory]
    [ForEachApiClient]
    public async Task the_cancel_request_is_what_stripe_net_sends(ApiClient client)
    {
        await using var server = new CapturingServer((_, _) => new CannedAnswer(200, Intent));

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client))
        {
            await provider.CancelAsync("pi_1", "order:ord_1:cancel", Ct);
        }

        await StripeNet(server).V1.PaymentIntents.CancelAsync("pi_1", new PaymentIntentCancelOptions(), new RequestOptions { IdempotencyKey = "order:ord_1:cancel" }, Ct);

        ShouldBeTheSame(server.Requests, ours: 1);
    }

    [Theory]
    [ForEachApiClient(null, null)]
    [ForEachApiClient(1000L, "requested_by_customer")]
    public async Task the_refund_requests_are_what_stripe_net_sends(ApiClient client, long? amount, string? reason)
    {
        await using var server = new CapturingServer((request, _) => new CannedAnswer(200, request.Line.Contains("/refunds", StringComparison.Ordinal) ? Refund : Intent));

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl), client))
        {
            var refund = await provider.RefundAsync(new RefundRequest("pi_1", amount, "order:ord_1:refund") { Reason = reason }, Ct);
            (refund.Id, refund.PaymentId, refund.Amount, refund.Currency, refund.Status).ShouldBe(("re_1", "pi_1", 1000L, "KRW", "succeeded"));
            refund.Created.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1_795_000_000));
            refund.RequestKey.ShouldBe("order:ord_1:refund", "read back from the refund's metadata");
        }

        var stripe = StripeNet(server);
        if (amount is not null)
        {
            // A partial refund first reads the payment's currency, whose unit decides the amount sent.
            await stripe.V1.PaymentIntents.GetAsync("pi_1", null, null, Ct);
        }

        await stripe.V1.Refunds.CreateAsync(
            new RefundCreateOptions
            {
                PaymentIntent = "pi_1",
                Amount = amount,
                Reason = reason,
                Metadata = new Dictionary<string, string> { ["jamcart_refund_key"] = "order:ord_1:refund" },
            },
            new RequestOptions { IdempotencyKey = "order:ord_1:refund" },
            Ct);

        ShouldBeTheSame(server.Requests, ours: amount is null ? 1 : 2);
    }

    [Theory]
    [ForEachApiClient(500, "api_error", null, 2)]
    [ForEachApiClient(409, "invalid_request_error", null, 2)]
    [ForEachApiClient(503, "api_error", "false", 1)]
    [ForEachApiClient(400, "invalid_request_error", "true", 2)]
    [ForEachApiClient(402, "card_error", null, 1)]
    [ForEachApiClient(0, null, null, 2)]
    public async Task a_request_is_retried_when_stripe_net_retries_it_with_the_same_idempotency_key(ApiClient client, int status, string? errorType, string? shouldRetry, int attempts)
    {
        // Status 0: the connection drops without an answer.
        var answer = status == 0 ? null : new CannedAnswer(
            status,
            $$$"""{"error":{"type":"{{{errorType}}}","message":"As told."}}""",
            shouldRetry is null ? [] : [("Stripe-Should-Retry", shouldRetry)]);

        // Each client's first attempt gets the answer under test, every later one a PaymentIntent.
        await using var server = new CapturingServer((_, index) => index == 0 ? answer : new CannedAnswer(200, Intent));
        var request = new CreatePaymentRequest("ord_1", new Money(27000, Currency.KRW), "order:ord_1:create");

        using (var provider = ProviderHarness.CreateProvider(Options(server.BaseUrl, retries: 1), client))
        {
            await Record.ExceptionAsync(() => provider.CreateAsync(request, Ct));
        }

        var ours = server.Requests;
        server.Clear();
        await Record.ExceptionAsync(() => StripeNet(server, retries: 1).V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 27000, Currency = "krw", Metadata = new() { ["order_id"] = "ord_1" }, AllowedPaymentMethodTypes = ["card"] },
            new RequestOptions { IdempotencyKey = "order:ord_1:create" },
            Ct));
        var stripeNets = server.Requests;

        ours.Count.ShouldBe(attempts);
        stripeNets.Count.ShouldBe(attempts);
        ours.ShouldAllBe(r => r.Headers["Idempotency-Key"] == "order:ord_1:create");
        stripeNets.ShouldAllBe(r => r.Headers["Idempotency-Key"] == "order:ord_1:create");
    }

    [Fact]
    public async Task a_post_without_a_key_of_its_own_gets_one_that_its_retry_repeats()
    {
        await using var server = new CapturingServer((_, index) => index == 0 ? new CannedAnswer(500, "{}") : new CannedAnswer(200, Intent));
        using var http = new HttpClient();
        using var api = new StripeApiClient(http, "sk_test_capture", server.BaseUrl.AbsoluteUri.TrimEnd('/'), maxNetworkRetries: 1);

        await api.PostAsync("/v1/payment_intents/pi_1/cancel", null, null, Jamcart.Payments.Stripe.Wire.StripeJsonContext.Default.PaymentIntentObject, Ct);

        var keys = server.Requests.Select(r => r.Headers["Idempotency-Key"]).ToList();
        keys.Count.ShouldBe(2);
        Guid.TryParse(keys[0], out _).ShouldBeTrue();
        keys[1].ShouldBe(keys[0]);
    }

    private static void ShouldBeTheSame(IReadOnlyList<CapturedRequest> requests, int ours)
    {
        requests.Count.ShouldBe(ours * 2);
        for (var i = 0; i < ours; i++)
        {
            var (mine, stripeNets) = (requests[i], requests[ours + i]);
            mine.Line.ShouldBe(stripeNets.Line);
            mine.Body.ShouldBe(stripeNets.Body);
            foreach (var header in ComparedHeaders)
            {
                mine.Headers.GetValueOrDefault(header).ShouldBe(stripeNets.Headers.GetValueOrDefault(header), header);
            }
        }
    }

    private static StripeClient StripeNet(CapturingServer server, int retries = 0) => new(new StripeClientOptions
    {
        ApiKey = "sk_test_capture",
        ApiBase = server.BaseUrl.AbsoluteUri.TrimEnd('/'),
        HttpClient = new SystemNetHttpClient(new HttpClient(), retries, new AppInfo { Name = "Jamcart" }, enableTelemetry: false),
    });

    private static StripeProviderOptions Options(Uri apiBase, int retries = 0)
    {
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = "sk_test_capture",
            PublishableKey = "pk_test_capture",
            ApiBase = apiBase,
            MaxNetworkRetries = retries,
        };
        options.WebhookSecrets.Add("whsec_capture");
        return options;
    }
}
