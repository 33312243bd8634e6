using Jamcart.Checkout.Payments;

using Shouldly;

using static Jamcart.Payments.Tests.Contract.ContractRequests;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// Webhooks end to end: the sandbox signs and posts its events to a local endpoint, and what arrives verifies with
/// the adapter and names the right payment and order.
/// </summary>
public sealed class SandboxWebhookRoundTripTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [ForEachApiClient]
    public async Task a_succeeded_payment_arrives_as_a_verified_payment_succeeded_event(ApiClient client)
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var run = await SandboxRun.StartAsync(client, webhookUrl: receiver.Url, cancellationToken: Ct);
        var request = NewPayment(Usd(2750));
        var payment = await run.Provider.CreateAsync(request, Ct);
        (await run.Harness.ConfirmAsync(payment.Id, "pm_card_visa", Ct)).ShouldBeNull();

        (await run.Server.DeliverPendingWebhooksAsync(Ct)).ShouldBeGreaterThan(0);

        var events = VerifyAll(run, receiver);
        var succeeded = events.Where(e => e.Kind == WebhookEventKind.PaymentSucceeded).ShouldHaveSingleItem();
        succeeded.Type.ShouldBe("payment_intent.succeeded");
        succeeded.Payment.ShouldNotBeNull().Id.ShouldBe(payment.Id);
        succeeded.Payment.OrderId.ShouldBe(request.OrderId);
        succeeded.Payment.Amount.ShouldBe(request.Amount);
        succeeded.Payment.Status.ShouldBe(PaymentStatus.Succeeded);
    }

    [Theory]
    [ForEachApiClient]
    public async Task a_declined_card_arrives_as_a_payment_failed_event_with_the_decline(ApiClient client)
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var run = await SandboxRun.StartAsync(client, webhookUrl: receiver.Url, cancellationToken: Ct);
        var payment = await run.Provider.CreateAsync(NewPayment(Usd(2750)), Ct);
        await run.Harness.ConfirmAsync(payment.Id, "pm_card_chargeDeclinedInsufficientFunds", Ct);

        await run.Server.DeliverPendingWebhooksAsync(Ct);

        var failed = VerifyAll(run, receiver).Where(e => e.Kind == WebhookEventKind.PaymentFailed).ShouldHaveSingleItem();
        failed.Payment.ShouldNotBeNull().Id.ShouldBe(payment.Id);
        failed.Payment.LastError.ShouldNotBeNull().DeclineCode.ShouldBe("insufficient_funds");
    }

    [Theory]
    [ForEachApiClient]
    public async Task a_refund_arrives_as_verified_events_for_the_payment_and_for_the_refund_with_the_key_of_its_request(ApiClient client)
    {
        await using var receiver = await WebhookReceiver.StartAsync(Ct);
        await using var run = await SandboxRun.StartAsync(client, webhookUrl: receiver.Url, cancellationToken: Ct);
        var request = NewPayment(Usd(4000));
        var payment = await run.Provider.CreateAsync(request, Ct);
        await run.Harness.ConfirmAsync(payment.Id, "pm_card_visa", Ct);
        var made = await run.Provider.RefundAsync(new RefundRequest(payment.Id, 1500, $"refund:{request.OrderId}:1:1500"), Ct);

        await run.Server.DeliverPendingWebhooksAsync(Ct);

        var events = VerifyAll(run, receiver);
        var refunded = events.Where(e => e.Kind == WebhookEventKind.PaymentRefunded).ShouldHaveSingleItem();
        refunded.Type.ShouldBe("charge.refunded");
        refunded.Payment.ShouldNotBeNull().Id.ShouldBe(payment.Id);
        refunded.Payment.AmountRefunded.ShouldBe(1500);
        refunded.Payment.Amount.ShouldBe(request.Amount);
        refunded.Payment.OrderId.ShouldBe(request.OrderId);
        var refund = events.Where(e => e.Kind == WebhookEventKind.RefundCreated).ShouldHaveSingleItem().Refund.ShouldNotBeNull();
        (refund.Id, refund.RequestKey).ShouldBe((made.Id, $"refund:{request.OrderId}:1:1500"));
    }

    private static List<WebhookEvent> VerifyAll(SandboxRun run, WebhookReceiver receiver)
    {
        receiver.Received.ShouldNotBeEmpty();
        return receiver.Received
            .Select(webhook =>
            {
                var verification = run.Provider.VerifyWebhook(webhook.Body, webhook.Headers);
                verification.IsValid.ShouldBeTrue(verification.Rejection);
                return verification.Event!;
            })
            .ToList();
    }
}
