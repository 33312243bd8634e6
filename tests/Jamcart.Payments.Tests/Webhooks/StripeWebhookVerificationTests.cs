using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe;

using Microsoft.Extensions.Time.Testing;

using Shouldly;

using Stripe;

namespace Jamcart.Payments.Tests.Webhooks;

public sealed class StripeWebhookVerificationTests : IDisposable
{
    private const string EndpointSecret = "whsec_test_endpoint_secret_one";
    private const string RolledSecret = "whsec_test_endpoint_secret_two";
    private const string ForeignSecret = "whsec_test_someone_elses_secret";

    private static readonly DateTimeOffset Now = new(2026, 11, 24, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _clock = new(Now);
    private readonly StripePaymentProvider _provider;

    public StripeWebhookVerificationTests()
    {
        _provider = ProviderWith(EndpointSecret);
    }

    public void Dispose() => _provider.Dispose();

    [Fact]
    public void succeeded_event_signed_with_the_endpoint_secret_is_read_as_a_paid_payment()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded", "pi_paid", 1250, "usd", "ord_42")
            .WithCreated(Now.AddSeconds(-5))
            .Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        var webhookEvent = result.Event!;
        webhookEvent.Type.ShouldBe("payment_intent.succeeded");
        webhookEvent.Kind.ShouldBe(WebhookEventKind.PaymentSucceeded);
        webhookEvent.Created.ShouldBe(Now.AddSeconds(-5));
        webhookEvent.ApiVersion.ShouldBe("2026-10-28.endive");
        var payment = webhookEvent.Payment!;
        payment.Id.ShouldBe("pi_paid");
        payment.Status.ShouldBe(PaymentStatus.Succeeded);
        payment.ProviderStatus.ShouldBe("succeeded");
        payment.Amount.ShouldBe(new Money(1250, Currency.USD));
        payment.OrderId.ShouldBe("ord_42");
        payment.LastError.ShouldBeNull();
    }

    [Fact]
    public void client_secret_in_the_event_is_not_passed_on()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.Event!.Payment!.ClientSecret.ShouldBeNull();
    }

    [Fact]
    public void a_current_event_is_read_with_the_declared_wire_types()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        StripeEventReader.Read(body, out var outcome).ShouldNotBeNull();

        outcome.ShouldBe(StripeEventReader.Outcome.Typed);
    }

    [Fact]
    public void event_signed_with_another_secret_is_refused()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, ForeignSecret)));

        result.IsValid.ShouldBeFalse();
        result.Rejection.ShouldBe("no valid signature");
        result.Unreadable.ShouldBeFalse();
    }

    [Fact]
    public void body_changed_after_signing_is_refused()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded", amount: 1250).Build();
        var header = Sign(body, EndpointSecret);
        var tampered = body.Replace("\"amount\":1250", "\"amount\":1", StringComparison.Ordinal);
        tampered.ShouldNotBe(body);

        var result = _provider.VerifyWebhook(tampered, Headers(header));

        result.Rejection.ShouldBe("no valid signature");
    }

    [Fact]
    public void body_with_different_whitespace_than_signed_is_refused()
    {
        // The signature covers the raw bytes: a body re-serialised by a framework no longer verifies.
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();
        var header = Sign(body, EndpointSecret);

        var result = _provider.VerifyWebhook(body + "\n", Headers(header));

        result.Rejection.ShouldBe("no valid signature");
    }

    [Theory]
    [InlineData(-301)]
    [InlineData(-3600)]
    [InlineData(301)]
    [InlineData(86400)]
    public void timestamp_more_than_300_seconds_away_is_refused(int secondsFromNow)
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret, Now.AddSeconds(secondsFromNow))));

        result.Rejection.ShouldBe("timestamp outside tolerance");
    }

    [Theory]
    [InlineData(-300)]
    [InlineData(300)]
    public void timestamp_exactly_300_seconds_away_is_accepted(int secondsFromNow)
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret, Now.AddSeconds(secondsFromNow))));

        result.IsValid.ShouldBeTrue(result.Rejection);
    }

    [Fact]
    public void event_that_was_fresh_when_signed_is_refused_once_the_clock_moves_past_the_tolerance()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();
        var headers = Headers(Sign(body, EndpointSecret));
        _provider.VerifyWebhook(body, headers).IsValid.ShouldBeTrue();

        _clock.Advance(TimeSpan.FromSeconds(301));

        _provider.VerifyWebhook(body, headers).Rejection.ShouldBe("timestamp outside tolerance");
    }

    [Fact]
    public void replayed_signature_from_another_secret_with_an_old_timestamp_is_refused_for_its_signature_first()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, ForeignSecret, Now.AddHours(-2))));

        result.Rejection.ShouldBe("no valid signature");
    }

    [Fact]
    public void header_with_two_v1_signatures_is_valid_when_only_the_second_matches()
    {
        // While Stripe rolls an endpoint's secret it signs with both and sends one v1 per secret.
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();
        var t = Now.ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);
        var header = $"t={t},v1={EventUtility.ComputeSignature(ForeignSecret, t, body)},v1={EventUtility.ComputeSignature(EndpointSecret, t, body)}";

        var result = _provider.VerifyWebhook(body, Headers(header));

        result.IsValid.ShouldBeTrue(result.Rejection);
    }

    [Fact]
    public void event_signed_with_the_second_configured_secret_is_valid()
    {
        // Our side of a rotation: the old and the new secret are both configured until the roll completes.
        using var provider = ProviderWith(EndpointSecret, RolledSecret);
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = provider.VerifyWebhook(body, Headers(Sign(body, RolledSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
    }

    [Fact]
    public void event_signed_with_a_secret_no_longer_configured_is_refused()
    {
        using var provider = ProviderWith(RolledSecret);
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret))).Rejection.ShouldBe("no valid signature");
    }

    [Fact]
    public void missing_signature_header_is_refused()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = _provider.VerifyWebhook(body, new Dictionary<string, string> { ["Content-Type"] = "application/json" });

        result.Rejection.ShouldBe("missing signature");
    }

    [Fact]
    public void empty_signature_header_is_refused_as_missing()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        _provider.VerifyWebhook(body, Headers(" ")).Rejection.ShouldBe("missing signature");
    }

    [Theory]
    [InlineData("stripe-signature")]
    [InlineData("STRIPE-SIGNATURE")]
    [InlineData("Stripe-Signature")]
    public void signature_header_is_found_in_any_letter_case(string name)
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { [name] = Sign(body, EndpointSecret) };

        _provider.VerifyWebhook(body, headers).IsValid.ShouldBeTrue();
    }

    [Theory]
    [InlineData("garbage")]
    [InlineData("t=,v1=")]
    [InlineData("t=not-a-number,v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("v1=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795000000")]
    [InlineData("t=1795000000,v1=zz")]
    [InlineData("t=1795000000,v0=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("t=1795000000,v1=00000000000000000000000000000000000000000000000000000000000000")]
    [InlineData(",,,")]
    public void garbage_signature_header_is_refused(string header)
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();

        var result = _provider.VerifyWebhook(body, Headers(header));

        result.Rejection.ShouldBe("no valid signature");
    }

    [Fact]
    public void refusals_never_echo_a_secret_or_the_signature()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();
        var header = Sign(body, ForeignSecret);

        var rejection = _provider.VerifyWebhook(body, Headers(header)).Rejection!;

        rejection.ShouldNotContain("whsec_");
        rejection.ShouldNotContain(header[(header.IndexOf("v1=", StringComparison.Ordinal) + 3)..]);
        rejection.Length.ShouldBeLessThan(40);
    }

    [Fact]
    public void signed_body_that_is_not_an_event_is_refused_as_malformed()
    {
        const string body = "this is not json";

        var verification = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        (verification.Rejection, verification.Unreadable).ShouldBe(("malformed payload", true));
    }

    [Fact]
    public void signed_json_without_an_event_id_is_refused_as_malformed()
    {
        const string body = """{"object":"event","type":"payment_intent.succeeded"}""";

        var verification = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        (verification.Rejection, verification.Unreadable).ShouldBe(("malformed payload", true));
    }

    [Theory]
    [InlineData("customer.created")]
    [InlineData("payment_intent.created")]
    [InlineData("invoice.paid")]
    [InlineData("some.type_from_the_future")]
    public void event_types_jamcart_does_not_act_on_are_valid_and_other(string type)
    {
        var body = StripeEventBuilder.Other(type).Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.Other);
        result.Event.Type.ShouldBe(type);
        result.Event.Payment.ShouldBeNull();
    }

    [Fact]
    public void payment_failed_event_carries_the_decline()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.payment_failed", "requires_payment_method")
            .WithDataObject(intent => intent["last_payment_error"] = new System.Text.Json.Nodes.JsonObject
            {
                ["type"] = "card_error",
                ["code"] = "card_declined",
                ["decline_code"] = "insufficient_funds",
                ["message"] = "Your card has insufficient funds.",
            })
            .Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.Event!.Kind.ShouldBe(WebhookEventKind.PaymentFailed);
        result.Event.Payment!.Status.ShouldBe(PaymentStatus.AwaitingPaymentMethod);
        result.Event.Payment.LastError.ShouldBe(new PaymentError("card_declined", "insufficient_funds", "Your card has insufficient funds."));
    }

    [Fact]
    public void canceled_event_is_a_canceled_payment()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.canceled", "canceled").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.Event!.Kind.ShouldBe(WebhookEventKind.PaymentCanceled);
        result.Event.Payment!.Status.ShouldBe(PaymentStatus.Canceled);
    }

    [Fact]
    public void charge_refunded_event_is_about_the_charges_payment_intent()
    {
        var body = StripeEventBuilder.RefundedCharge("pi_refunded", amount: 5000, amountRefunded: 2000, orderId: "ord_7").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.PaymentRefunded);
        var payment = result.Event.Payment!;
        payment.Id.ShouldBe("pi_refunded");
        payment.Amount.ShouldBe(new Money(5000, Currency.USD));
        payment.AmountRefunded.ShouldBe(2000);
        payment.OrderId.ShouldBe("ord_7");
        payment.Status.ShouldBe(PaymentStatus.Succeeded);
    }

    [Fact]
    public void a_failed_refund_is_about_its_payment_intent_and_says_why_it_failed()
    {
        var body = StripeEventBuilder.UpdatedRefund("pi_refund_failed", 1500, "failed").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.RefundUpdated);
        result.Event.Payment!.Id.ShouldBe("pi_refund_failed");
        var refund = result.Event.Refund!;
        (refund.PaymentId, refund.Amount, refund.Currency, refund.Status).ShouldBe(("pi_refund_failed", 1500L, "USD", "failed"));
        (refund.FailureReason, refund.Failed).ShouldBe(("expired_or_canceled_card", true));
        refund.Id.ShouldStartWith("re_");
    }

    [Fact]
    public void a_refund_made_anywhere_is_read_with_its_payment_intent()
    {
        var body = StripeEventBuilder.CreatedRefund("pi_dashboard", 2500, "krw").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.RefundCreated);
        result.Event.Payment!.Id.ShouldBe("pi_dashboard");
        var refund = result.Event.Refund!;
        (refund.PaymentId, refund.Amount, refund.Currency, refund.Status, refund.Failed).ShouldBe(("pi_dashboard", 2500L, "KRW", "succeeded", false));
    }

    [Fact]
    public void a_dispute_is_read_with_its_payment_intent_and_when_the_answer_is_due()
    {
        var body = StripeEventBuilder.Dispute("charge.dispute.created", "pi_disputed", 2000, "needs_response").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.PaymentDisputed);
        result.Event.Payment!.Id.ShouldBe("pi_disputed");
        var dispute = result.Event.Dispute!;
        (dispute.Id, dispute.PaymentId, dispute.Amount, dispute.Currency).ShouldBe(("dp_1Pgc71B7WZ01zgkWMevJiAUx", "pi_disputed", 2000L, "USD"));
        (dispute.Reason, dispute.Status, dispute.Won, dispute.Lost).ShouldBe(("fraudulent", "needs_response", false, false));
        dispute.DueBy.ShouldBe(DateTimeOffset.FromUnixTimeSeconds(1723679999));
    }

    [Theory]
    [InlineData("won", true)]
    [InlineData("lost", false)]
    public void a_closed_dispute_says_who_it_was_decided_for(string status, bool won)
    {
        var body = StripeEventBuilder.Dispute("charge.dispute.closed", "pi_decided", 2000, status).Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.Event!.Kind.ShouldBe(WebhookEventKind.DisputeClosed);
        (result.Event.Dispute!.Won, result.Event.Dispute.Lost).ShouldBe((won, !won));
    }

    [Fact]
    public void a_dispute_without_a_payment_intent_is_valid_but_other()
    {
        // A dispute of a charge made outside PaymentIntents is nothing Jamcart created.
        var body = StripeEventBuilder.Dispute("charge.dispute.created", "pi_x", 2000, "needs_response").WithDataObject(dispute => dispute["payment_intent"] = null).Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        (result.Event!.Kind, result.Event.Dispute).ShouldBe((WebhookEventKind.Other, null));
    }

    [Theory]
    [InlineData("succeeded", false)]
    [InlineData("pending", false)]
    [InlineData("canceled", true)]
    public void a_refund_update_that_is_no_failure_carries_the_refunds_status(string status, bool failed)
    {
        var body = StripeEventBuilder.UpdatedRefund("pi_refund_ok", 1500, status).Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.RefundUpdated);
        result.Event.Payment!.Id.ShouldBe("pi_refund_ok");
        (result.Event.Refund!.Status, result.Event.Refund.FailureReason, result.Event.Refund.Failed).ShouldBe((status, (string?)null, failed));
    }

    [Fact]
    public void a_refund_update_without_a_refund_in_it_is_valid_but_other()
    {
        var body = StripeEventBuilder.UpdatedRefund("pi_refund_odd", 1500, "failed").WithDataObject(refund => refund.Remove("id")).Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.Other);
        (result.Event.Payment, result.Event.Refund).ShouldBe((null, null));
    }

    [Fact]
    public void charge_refunded_without_a_payment_intent_is_valid_but_other()
    {
        // A charge made outside PaymentIntents (an old integration on the same account) is nothing Jamcart created.
        var body = StripeEventBuilder.RefundedCharge("pi_unused", 5000, 5000).WithDataObject(charge => charge["payment_intent"] = null).Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.Other);
        result.Event.Payment.ShouldBeNull();
    }

    [Fact]
    public void event_from_an_older_api_version_is_valid()
    {
        // 2020-08-27 PaymentIntents still carried their charges inline and had no latest_charge.
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded", "pi_old", 1500, "usd", "ord_old")
            .WithApiVersion("2020-08-27")
            .WithDataObject(intent =>
            {
                intent.Remove("latest_charge");
                intent.Remove("payment_method_configuration_details");
                intent["charges"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["object"] = "list",
                    ["data"] = new System.Text.Json.Nodes.JsonArray(),
                    ["has_more"] = false,
                    ["url"] = "/v1/charges?payment_intent=pi_old",
                };
            })
            .Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.ApiVersion.ShouldBe("2020-08-27");
        result.Event.Kind.ShouldBe(WebhookEventKind.PaymentSucceeded);
        result.Event.Payment!.Id.ShouldBe("pi_old");
        result.Event.Payment.Amount.ShouldBe(new Money(1500, Currency.USD));
        result.Event.Payment.OrderId.ShouldBe("ord_old");
    }

    [Fact]
    public void fields_jamcart_does_not_read_may_change_type_without_affecting_the_read()
    {
        // Only the fields Jamcart reads are declared, so other fields whose type changed between versions do not matter.
        var body = StripeEventBuilder.PaymentIntent("payment_intent.payment_failed", "requires_payment_method", "pi_odd", 2000, "usd", "ord_odd")
            .WithApiVersion("2019-02-19")
            .WithDataObject(intent =>
            {
                intent["created"] = "yesterday";
                intent["payment_method_types"] = "card";
                intent["amount_details"] = "none";
            })
            .Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        StripeEventReader.Read(body, out var outcome);
        outcome.ShouldBe(StripeEventReader.Outcome.Typed);
        result.Event!.Payment!.Id.ShouldBe("pi_odd");
        result.Event.Payment.OrderId.ShouldBe("ord_odd");
    }

    [Fact]
    public void event_whose_read_fields_no_longer_fit_the_declared_types_is_read_leniently()
    {
        // A metadata value that is not a string fails the typed read; the fields Jamcart needs still read one by one.
        var body = StripeEventBuilder.PaymentIntent("payment_intent.payment_failed", "requires_payment_method", "pi_odd", 2000, "usd", "ord_odd")
            .WithApiVersion("2019-02-19")
            .WithDataObject(intent =>
            {
                intent["metadata"]!["attempt"] = 2;
                intent["last_payment_error"] = new System.Text.Json.Nodes.JsonObject
                {
                    ["type"] = "card_error",
                    ["code"] = "card_declined",
                    ["decline_code"] = "lost_card",
                    ["message"] = "Your card was declined.",
                };
            })
            .Build();

        var result = Should.NotThrow(() => _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret))));

        StripeEventReader.Read(body, out var outcome);
        outcome.ShouldBe(StripeEventReader.Outcome.Lenient);
        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.PaymentFailed);
        var payment = result.Event.Payment!;
        payment.Id.ShouldBe("pi_odd");
        payment.Status.ShouldBe(PaymentStatus.AwaitingPaymentMethod);
        payment.Amount.ShouldBe(new Money(2000, Currency.USD));
        payment.OrderId.ShouldBe("ord_odd");
        payment.LastError.ShouldBe(new PaymentError("card_declined", "lost_card", "Your card was declined."));
    }

    [Fact]
    public void event_without_an_api_version_is_valid()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded")
            .WithDataObject(_ => { })
            .Build()
            .Replace("\"api_version\":\"2026-10-28.endive\"", "\"api_version\":null", StringComparison.Ordinal);

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.ApiVersion.ShouldBeNull();
    }

    [Theory]
    [InlineData("isk", 50_000, "ISK", 500)]
    [InlineData("ugx", 100_000, "UGX", 1000)]
    [InlineData("krw", 12_000, "KRW", 12_000)]
    [InlineData("kwd", 5_120, "KWD", 5_120)]
    [InlineData("mga", 5_000, "MGA", 500_000)]
    public void event_amounts_are_converted_to_jamcart_minor_units(string stripeCurrency, long stripeAmount, string currency, long minor)
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded", amount: stripeAmount, currency: stripeCurrency).Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.Event!.Payment!.Amount.ShouldBe(new Money(minor, Currency.Get(currency)));
    }

    [Fact]
    public void payment_event_in_a_currency_jamcart_cannot_represent_is_valid_but_other()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded", amount: 1234, currency: "isk").Build();

        var result = _provider.VerifyWebhook(body, Headers(Sign(body, EndpointSecret)));

        result.IsValid.ShouldBeTrue(result.Rejection);
        result.Event!.Kind.ShouldBe(WebhookEventKind.Other);
        result.Event.Payment.ShouldBeNull();
    }

    [Fact]
    public void header_made_by_stripe_net_verifies_and_ours_agrees_with_stripe_net()
    {
        var body = StripeEventBuilder.PaymentIntent("payment_intent.succeeded", "succeeded").Build();
        var header = EventUtility.GenerateSignatureHeader(body, EndpointSecret, Now.ToUnixTimeSeconds());

        _provider.VerifyWebhook(body, Headers(header)).IsValid.ShouldBeTrue();
        Should.NotThrow(() => EventUtility.ValidateSignature(body, header, EndpointSecret, 300, Now.ToUnixTimeSeconds()));
        Should.Throw<StripeException>(() => EventUtility.ValidateSignature(body, header, ForeignSecret, 300, Now.ToUnixTimeSeconds()));
    }

    private StripePaymentProvider ProviderWith(params string[] secrets)
    {
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = "sk_test_webhooks",
            PublishableKey = "pk_test_webhooks",
            ApiBase = new Uri("http://127.0.0.1:9"),
        };
        foreach (var secret in secrets)
        {
            options.WebhookSecrets.Add(secret);
        }

        return StripePaymentProvider.Create(options, timeProvider: _clock);
    }

    private static string Sign(string body, string secret, DateTimeOffset? at = null) =>
        EventUtility.GenerateSignatureHeader(body, secret, (at ?? Now).ToUnixTimeSeconds());

    private static Dictionary<string, string> Headers(string signature) => new(StringComparer.OrdinalIgnoreCase)
    {
        ["Content-Type"] = "application/json; charset=utf-8",
        ["Stripe-Signature"] = signature,
    };
}
