using System.Net;

using Shouldly;

using Stripe;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>The sandbox through Stripe.net itself, so every answer is proven to deserialize into Stripe.net's types.</summary>
public sealed class StripeNetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task stripe_net_creates_retrieves_and_confirms_a_payment_intent()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);

        var created = await stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 2599,
            Currency = "usd",
            Description = "Oolong, 2 bags",
            Metadata = new Dictionary<string, string> { ["order_id"] = "ord_42" },
            AllowedPaymentMethodTypes = ["card"],
        }, cancellationToken: Ct);
        var confirmed = await stripe.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" }, cancellationToken: Ct);
        var options = new PaymentIntentGetOptions();
        options.AddExpand("latest_charge");
        var retrieved = await stripe.V1.PaymentIntents.GetAsync(created.Id, options, cancellationToken: Ct);

        created.Status.ShouldBe("requires_payment_method");
        created.ClientSecret.ShouldStartWith(created.Id + "_secret_");
        created.Metadata["order_id"].ShouldBe("ord_42");
        created.Livemode.ShouldBeFalse();
        confirmed.Status.ShouldBe("succeeded");
        confirmed.AmountReceived.ShouldBe(2599);
        confirmed.PaymentMethodId.ShouldStartWith("pm_");
        retrieved.LatestCharge.ShouldNotBeNull();
        retrieved.LatestCharge.Status.ShouldBe("succeeded");
        retrieved.LatestCharge.Amount.ShouldBe(2599);
        retrieved.LatestCharge.AmountRefunded.ShouldBe(0);
        retrieved.LatestCharge.PaymentMethodDetails.Card.Last4.ShouldBe("4242");
        retrieved.LatestCharge.Metadata["order_id"].ShouldBe("ord_42");
    }

    [Theory]
    [InlineData("pm_card_chargeDeclined", "card_declined", "generic_decline")]
    [InlineData("pm_card_chargeDeclinedInsufficientFunds", "card_declined", "insufficient_funds")]
    [InlineData("pm_card_chargeDeclinedLostCard", "card_declined", "lost_card")]
    [InlineData("pm_card_chargeDeclinedExpiredCard", "expired_card", null)]
    [InlineData("pm_card_chargeDeclinedIncorrectCvc", "incorrect_cvc", null)]
    public async Task a_decline_is_a_stripe_exception_with_the_card_error_and_the_payment_intent(string paymentMethod, string code, string? declineCode)
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var created = await stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1000, Currency = "usd" }, cancellationToken: Ct);

        var exception = await Should.ThrowAsync<StripeException>(() =>
            stripe.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = paymentMethod }, cancellationToken: Ct));

        exception.HttpStatusCode.ShouldBe(HttpStatusCode.PaymentRequired);
        exception.StripeError.Type.ShouldBe("card_error");
        exception.StripeError.Code.ShouldBe(code);
        exception.StripeError.DeclineCode.ShouldBe(declineCode);
        exception.StripeError.PaymentIntent.ShouldNotBeNull().Id.ShouldBe(created.Id);
        exception.StripeError.PaymentIntent.Status.ShouldBe("requires_payment_method");
        exception.StripeError.PaymentMethod.ShouldNotBeNull().Card.Brand.ShouldBe("visa");

        var after = await stripe.V1.PaymentIntents.GetAsync(created.Id, cancellationToken: Ct);
        after.Status.ShouldBe("requires_payment_method");
        after.LastPaymentError.ShouldNotBeNull().Code.ShouldBe(code);
        after.LastPaymentError.DeclineCode.ShouldBe(declineCode);
        after.LastPaymentError.Type.ShouldBe("card_error");
        after.LastPaymentError.PaymentMethod.ShouldNotBeNull();

        var retried = await stripe.V1.PaymentIntents.ConfirmAsync(created.Id, new PaymentIntentConfirmOptions { PaymentMethod = "pm_card_visa" }, cancellationToken: Ct);
        retried.Status.ShouldBe("succeeded");
    }

    [Theory]
    [InlineData("pm_card_threeDSecure2Required")]
    [InlineData("pm_card_authenticationRequired")]
    [InlineData("pm_card_authenticationRequiredOnSetup")]
    public async Task a_card_that_needs_3d_secure_succeeds_once_authentication_completes(string paymentMethod)
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);

        var pi = await stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions
        {
            Amount = 3000,
            Currency = "eur",
            PaymentMethod = paymentMethod,
            Confirm = true,
            ReturnUrl = "https://shop.example/checkout/done",
        }, cancellationToken: Ct);

        pi.Status.ShouldBe("requires_action");
        pi.NextAction.ShouldNotBeNull().Type.ShouldBe("redirect_to_url");
        pi.NextAction.RedirectToUrl.Url.ShouldStartWith(server.BaseUrl + "3ds/" + pi.Id);
        pi.NextAction.RedirectToUrl.ReturnUrl.ShouldBe("https://shop.example/checkout/done");
        pi.LatestChargeId.ShouldBeNull();

        await server.CompleteThreeDSecureAsync(pi.Id, succeed: true);

        var options = new PaymentIntentGetOptions();
        options.AddExpand("latest_charge");
        var after = await stripe.V1.PaymentIntents.GetAsync(pi.Id, options, cancellationToken: Ct);
        after.Status.ShouldBe("succeeded");
        after.NextAction.ShouldBeNull();
        after.LatestCharge.PaymentMethodDetails.Card.ThreeDSecure.ShouldNotBeNull().Result.ShouldBe("authenticated");
    }

    [Fact]
    public async Task failed_3d_secure_leaves_the_payment_waiting_with_an_authentication_failure()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var pi = await stripe.V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 3000, Currency = "usd", PaymentMethod = "pm_card_threeDSecure2Required", Confirm = true },
            cancellationToken: Ct);

        await server.CompleteThreeDSecureAsync(pi.Id, succeed: false);

        var after = await stripe.V1.PaymentIntents.GetAsync(pi.Id, cancellationToken: Ct);
        after.Status.ShouldBe("requires_payment_method");
        after.LastPaymentError.ShouldNotBeNull().Code.ShouldBe("payment_intent_authentication_failure");
        after.PaymentMethodId.ShouldBeNull();
        await Should.ThrowAsync<InvalidOperationException>(() => server.CompleteThreeDSecureAsync(pi.Id, succeed: true));
    }

    [Fact]
    public async Task a_card_declined_after_3d_secure_fails_with_card_declined()
    {
        await using var server = await SandboxFixture.StartAsync();
        var browser = new StripeClient(new StripeClientOptions
        {
            ApiKey = server.PublishableKey,
            ApiBase = server.BaseUrl.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(maxNetworkRetries: 0, enableTelemetry: false),
        });
        var stripe = SandboxFixture.StripeClient(server);
        var card = await browser.V1.PaymentMethods.CreateAsync(new PaymentMethodCreateOptions
        {
            Type = "card",
            Card = new PaymentMethodCardOptions { Number = "4000008400001629", ExpMonth = 12, ExpYear = DateTime.UtcNow.Year + 2, Cvc = "123" },
        }, cancellationToken: Ct);
        var pi = await stripe.V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 3000, Currency = "usd", PaymentMethod = card.Id, Confirm = true },
            cancellationToken: Ct);
        pi.Status.ShouldBe("requires_action");

        await server.CompleteThreeDSecureAsync(pi.Id, succeed: true);

        var after = await stripe.V1.PaymentIntents.GetAsync(pi.Id, cancellationToken: Ct);
        after.Status.ShouldBe("requires_payment_method");
        after.LastPaymentError.ShouldNotBeNull().Code.ShouldBe("card_declined");
        card.Card.Last4.ShouldBe("1629");
    }

    [Fact]
    public async Task off_session_confirmation_of_a_3d_secure_card_is_declined_with_authentication_required()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);

        var exception = await Should.ThrowAsync<StripeException>(() => stripe.V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 3000, Currency = "usd", PaymentMethod = "pm_card_authenticationRequired", Confirm = true, OffSession = true },
            cancellationToken: Ct));

        exception.StripeError.Code.ShouldBe("authentication_required");
        exception.StripeError.DeclineCode.ShouldBe("authentication_required");
    }

    [Fact]
    public async Task cancel_through_stripe_net_sets_status_reason_and_time()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var pi = await stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1000, Currency = "usd" }, cancellationToken: Ct);

        var canceled = await stripe.V1.PaymentIntents.CancelAsync(pi.Id, new PaymentIntentCancelOptions { CancellationReason = "requested_by_customer" }, cancellationToken: Ct);

        canceled.Status.ShouldBe("canceled");
        canceled.CancellationReason.ShouldBe("requested_by_customer");
        canceled.CanceledAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task partial_then_full_refunds_update_the_charge_and_an_over_refund_is_refused()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var pi = await stripe.V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 5000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true },
            cancellationToken: Ct);

        var partial = await stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 1500, Reason = "requested_by_customer" }, cancellationToken: Ct);
        var tooMuch = await Should.ThrowAsync<StripeException>(() =>
            stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 4000 }, cancellationToken: Ct));
        var rest = await stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }, cancellationToken: Ct);
        var again = await Should.ThrowAsync<StripeException>(() =>
            stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }, cancellationToken: Ct));
        var charge = await stripe.V1.Charges.GetAsync(pi.LatestChargeId, cancellationToken: Ct);

        partial.Object.ShouldBe("refund");
        partial.Id.ShouldStartWith("re_");
        partial.Amount.ShouldBe(1500);
        partial.Status.ShouldBe("succeeded");
        partial.Reason.ShouldBe("requested_by_customer");
        partial.PaymentIntentId.ShouldBe(pi.Id);
        partial.ChargeId.ShouldBe(pi.LatestChargeId);
        tooMuch.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
        tooMuch.StripeError.Code.ShouldBe("amount_too_large");
        tooMuch.StripeError.Message.ShouldBe("Refund amount ($40.00) is greater than unrefunded amount on charge ($35.00)");
        rest.Amount.ShouldBe(3500);
        again.StripeError.Code.ShouldBe("charge_already_refunded");
        charge.AmountRefunded.ShouldBe(5000);
        charge.Refunded.ShouldBeTrue();
        charge.Refunds.Data.Count.ShouldBe(2);
    }

    [Fact]
    public async Task refunding_a_payment_that_has_not_succeeded_is_refused()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var pi = await stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1000, Currency = "usd" }, cancellationToken: Ct);

        var exception = await Should.ThrowAsync<StripeException>(() =>
            stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id }, cancellationToken: Ct));

        exception.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
        exception.StripeError.Type.ShouldBe("invalid_request_error");
    }

    [Fact]
    public async Task events_list_newest_first_and_deserialize_with_their_objects()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var pi = await stripe.V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions { Amount = 5000, Currency = "usd", PaymentMethod = "pm_card_visa", Confirm = true },
            new RequestOptions { IdempotencyKey = "order:1:create" },
            Ct);
        await stripe.V1.Refunds.CreateAsync(new RefundCreateOptions { PaymentIntent = pi.Id, Amount = 100 }, cancellationToken: Ct);

        var events = await stripe.V1.Events.ListAsync(new EventListOptions { Limit = 100 }, cancellationToken: Ct);

        events.Select(e => e.Type).ShouldBe(["charge.refunded", "refund.created", "payment_intent.succeeded", "charge.succeeded", "payment_intent.created"]);
        events.HasMore.ShouldBeFalse();
        var succeeded = events.Single(e => e.Type == "payment_intent.succeeded");
        succeeded.Data.Object.ShouldBeOfType<PaymentIntent>().Id.ShouldBe(pi.Id);
        succeeded.Request.IdempotencyKey.ShouldBe("order:1:create");
        succeeded.Request.Id.ShouldStartWith("req_");
        succeeded.ApiVersion.ShouldBe("2026-10-28.endive");
        events.Single(e => e.Type == "charge.refunded").Data.Object.ShouldBeOfType<Charge>().AmountRefunded.ShouldBe(100);
        events.Single(e => e.Type == "refund.created").Data.Object.ShouldBeOfType<Refund>().Amount.ShouldBe(100);

        var one = await stripe.V1.Events.GetAsync(succeeded.Id, cancellationToken: Ct);
        one.Id.ShouldBe(succeeded.Id);
        one.Type.ShouldBe("payment_intent.succeeded");
    }

    [Fact]
    public async Task idempotent_retries_through_stripe_net_return_the_first_payment_intent()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var options = new PaymentIntentCreateOptions { Amount = 5000, Currency = "usd", Metadata = new Dictionary<string, string> { ["order_id"] = "o1" } };
        var key = new RequestOptions { IdempotencyKey = "order:o1:create" };

        var first = await stripe.V1.PaymentIntents.CreateAsync(options, key, Ct);
        var second = await stripe.V1.PaymentIntents.CreateAsync(options, key, Ct);
        var conflict = await Should.ThrowAsync<StripeException>(() =>
            stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 6000, Currency = "usd" }, key, Ct));

        second.Id.ShouldBe(first.Id);
        second.StripeResponse.Headers.GetValues("Idempotent-Replayed").ShouldBe(["true"]);
        conflict.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
        conflict.StripeError.Type.ShouldBe("idempotency_error");
    }

    [Fact]
    public async Task amount_rules_reach_stripe_net_as_invalid_request_errors()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);

        var exception = await Should.ThrowAsync<StripeException>(() =>
            stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 49, Currency = "usd" }, cancellationToken: Ct));

        exception.HttpStatusCode.ShouldBe(HttpStatusCode.BadRequest);
        exception.StripeError.Code.ShouldBe("amount_too_small");
        exception.StripeError.Param.ShouldBe("amount");
        exception.StripeError.Message.ShouldBe("Amount must be at least $0.50 usd");
    }

    [Fact]
    public async Task a_wrong_key_is_a_401_stripe_exception_quoting_the_masked_key()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_wrongwrongwrong1234",
            ApiBase = server.BaseUrl.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(maxNetworkRetries: 0, enableTelemetry: false),
        });

        var exception = await Should.ThrowAsync<StripeException>(() =>
            stripe.V1.PaymentIntents.GetAsync("pi_123", cancellationToken: Ct));

        exception.HttpStatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        exception.StripeError.Type.ShouldBe("invalid_request_error");
        exception.StripeError.Message.ShouldBe("Invalid API Key provided: sk_test_" + new string('*', 15) + "1234");
    }

    [Fact]
    public async Task an_outage_is_a_500_api_error_and_recovers_with_the_same_idempotency_key()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        var options = new PaymentIntentCreateOptions { Amount = 1000, Currency = "usd" };
        var key = new RequestOptions { IdempotencyKey = "order:outage:create" };

        server.Outage = true;
        var exception = await Should.ThrowAsync<StripeException>(() => stripe.V1.PaymentIntents.CreateAsync(options, key, Ct));
        server.Outage = false;
        var created = await stripe.V1.PaymentIntents.CreateAsync(options, key, Ct);

        exception.HttpStatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        exception.StripeError.Type.ShouldBe("api_error");
        created.Status.ShouldBe("requires_payment_method");
    }

    [Fact]
    public async Task a_stopped_sandbox_cannot_be_reached()
    {
        var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        await server.StopAsync();

        var exception = await Should.ThrowAsync<Exception>(() => stripe.V1.PaymentIntents.GetAsync("pi_123", cancellationToken: Ct));

        exception.ShouldBeAssignableTo<HttpRequestException>();
        await server.DisposeAsync();
    }

    [Fact]
    public async Task latency_delays_every_api_answer()
    {
        await using var server = await SandboxFixture.StartAsync();
        var stripe = SandboxFixture.StripeClient(server);
        server.Latency = TimeSpan.FromMilliseconds(250);

        var watch = System.Diagnostics.Stopwatch.StartNew();
        await stripe.V1.PaymentIntents.CreateAsync(new PaymentIntentCreateOptions { Amount = 1000, Currency = "usd" }, cancellationToken: Ct);

        watch.Elapsed.ShouldBeGreaterThanOrEqualTo(TimeSpan.FromMilliseconds(240));
    }
}
