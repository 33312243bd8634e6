using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>What a verified webhook event did. Every outcome is acknowledged: any other answer only makes the provider retry.</summary>
public enum WebhookOutcome
{
    /// <summary>The event was applied to its order (or its order already reflected it).</summary>
    Applied,

    /// <summary>The event was processed before; nothing changed.</summary>
    Duplicate,

    /// <summary>An event type the checkout does not act on; recorded, nothing else.</summary>
    Ignored,

    /// <summary>The event's amount, currency or order id does not match its order: flagged on the order, never paid on.</summary>
    Mismatch,

    /// <summary>The event is about a payment no order has (another integration on the same account).</summary>
    UnknownPayment,
}

/// <summary>
/// <c>POST /api/webhooks/stripe</c>: a signed provider event moves its order exactly as a confirm would. Events may
/// come twice and in any order; each is recorded in the same transaction as its effect, so a duplicate changes
/// nothing and a paid order never goes back (I3).
/// </summary>
public sealed class HandleWebhook(ICheckoutStore store, IPaymentProvider provider, TimeProvider time, ILogger<HandleWebhook> logger)
{
    private readonly PaymentApplier _payments = new(store, provider, time, logger);

    /// <exception cref="InvalidSignatureException">The signature is missing, wrong or out of tolerance; nothing was read.</exception>
    /// <exception cref="InvalidRequestException">The signature holds, but the body is not an event; nothing was recorded.</exception>
    /// <exception cref="PaymentProviderUnavailableException">The provider was needed (to read a refund, or the order id of an event that lacks it) and could not be asked; the event was not recorded, so its retry runs again.</exception>
    public async Task<WebhookOutcome> HandleAsync(string rawBody, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        var verification = provider.VerifyWebhook(rawBody, headers);
        if (verification.Event is not { } webhookEvent)
        {
            CheckoutLog.WebhookRefused(logger, verification.Rejection ?? "no reason given");
            throw verification.Unreadable
                ? InvalidRequestException.For("", $"The webhook is signed, but its body is not an event ({verification.Rejection}).")
                : new InvalidSignatureException($"The webhook was refused: {verification.Rejection}.");
        }

        WebhookOutcome outcome;
        try
        {
            outcome = await ApplyAsync(webhookEvent, ct);
        }
        catch (PaymentRequestRejectedException missing) when (missing.ResourceMissing)
        {
            // Read back with keys of another account than the one that sent it (a switch from test to live keys):
            // acknowledged, so that the provider does not send it again for days, and logged for a person.
            CheckoutLog.WebhookObjectMissing(logger, webhookEvent.Id, webhookEvent.Type, missing.Code);
            outcome = WebhookOutcome.Ignored;
        }

        CheckoutLog.Webhook(logger, webhookEvent.Id, webhookEvent.Type, outcome);
        return outcome;
    }

    private async Task<WebhookOutcome> ApplyAsync(WebhookEvent webhookEvent, CancellationToken ct)
    {
        Task<bool> Claim(ICheckoutTransaction transaction, DateTimeOffset now) =>
            transaction.TryRecordEventAsync(webhookEvent.Id, webhookEvent.Type, now, ct);

        if (webhookEvent.FromOtherMode)
        {
            // An endpoint secret of the other mode is configured too (kept while the shop moved from test keys to live
            // ones): a test payment's success must not pay an order for real, and the order's own payment, read with
            // the shop's keys, is what confirm and reconciliation go by.
            CheckoutLog.WebhookFromOtherMode(logger, webhookEvent.Id, webhookEvent.Type);
        }

        if (webhookEvent.FromOtherMode || webhookEvent.Kind == WebhookEventKind.Other || webhookEvent.Payment is not { } payment)
        {
            return await StoreRetry.RunAsync(async () =>
            {
                await using var transaction = await store.BeginAsync(ct);
                var recorded = await Claim(transaction, time.StoreNow());
                await transaction.CommitAsync(ct);
                return recorded ? WebhookOutcome.Ignored : WebhookOutcome.Duplicate;
            });
        }

        var (order, current) = await FindOrderAsync(payment, ct);
        if (order is null)
        {
            // Not recorded: if the payment is ours after all (its order not yet written), the provider's retry applies it.
            return WebhookOutcome.UnknownPayment;
        }

        if (webhookEvent is { Kind: WebhookEventKind.PaymentDisputed or WebhookEventKind.DisputeClosed, Dispute: { } dispute })
        {
            return OutcomeOf((await _payments.ApplyDisputeAsync(order.Id, dispute, Claim, ct)).Effect);
        }

        if (webhookEvent is { Kind: WebhookEventKind.RefundCreated, Refund: { } made })
        {
            return OutcomeOf((await _payments.ApplyRefundMadeAsync(order.Id, made, Claim, ct)).Effect);
        }

        if (webhookEvent is { Kind: WebhookEventKind.RefundUpdated, Refund: { } reported })
        {
            // Reports come late and in any order, so what the refund is now is the provider's to say; and when it
            // failed, so is how much of the payment is still refunded.
            var refund = await provider.GetRefundAsync(reported.Id, ct);
            var paymentNow = refund.Failed ? await provider.GetAsync(payment.Id, ct) : null;
            var updated = await _payments.ApplyRefundUpdateAsync(order.Id, refund, paymentNow, Claim, ct);
            return OutcomeOf(updated.Effect);
        }

        if (webhookEvent.Kind == WebhookEventKind.PaymentRefunded)
        {
            // The charge's refunded amount is a running total as of when the event was sent, and a refund failing
            // since lowers it: a late event would count money that came back to the shop as given back. The
            // provider's answer now is what counts, and it carries the order id a charge may lack (I1).
            payment = current ?? await provider.GetAsync(payment.Id, ct);
        }
        else if (current is not null)
        {
            // An event without the order id proves nothing about which order it pays (I1); the provider's answer, asked
            // for to find the order, holds it, and says what the payment is now.
            payment = current;
        }

        var outcome = await _payments.ApplyAsync(order.Id, payment, Claim, ct);
        return OutcomeOf(outcome.Effect);
    }

    /// <summary>
    /// The order that holds <paramref name="payment"/>, found by the order id the provider keeps with it (in the
    /// event, or else asked for, which is then handed back as <c>Current</c>): the orders' own key. That order counts
    /// only when it holds this very payment. When it does not (the id was changed at the provider, or names no order),
    /// every order is searched for the payment, so that the order it belongs to is still found and flagged. A payment
    /// without an order id at the provider, or with one Jamcart never makes, was not made by Jamcart (another
    /// integration on the same account, which may keep an <c>order_id</c> of its own): none of its events costs a
    /// search. Should one of Jamcart's payments have its id changed to such a value, its confirm or reconciliation
    /// still finds the order by its own payment and flags it.
    /// </summary>
    private async Task<(Order? Order, ProviderPayment? Current)> FindOrderAsync(ProviderPayment payment, CancellationToken ct)
    {
        var current = payment.OrderId is null ? await provider.GetAsync(payment.Id, ct) : null;
        if ((payment.OrderId ?? current?.OrderId) is not { } orderId || !OrderIds.IsWellFormed(orderId))
        {
            return (null, current);
        }

        var named = await store.GetOrderAsync(orderId, ct);
        if (named is not null && string.Equals(named.PaymentId, payment.Id, StringComparison.Ordinal))
        {
            return (named, current);
        }

        return (await store.FindOrderByPaymentIdAsync(payment.Id, ct), current);
    }

    private static WebhookOutcome OutcomeOf(PaymentEffect effect) => effect switch
    {
        PaymentEffect.Duplicate => WebhookOutcome.Duplicate,
        PaymentEffect.Mismatch => WebhookOutcome.Mismatch,
        _ => WebhookOutcome.Applied,
    };
}
