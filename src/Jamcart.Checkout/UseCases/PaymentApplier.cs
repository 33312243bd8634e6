using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>What applying a provider's report did to its order.</summary>
internal enum PaymentEffect
{
    /// <summary>The order moved or learned something (a decline, a refund).</summary>
    Changed,

    /// <summary>The order already reflected the report.</summary>
    Unchanged,

    /// <summary>The report's amount, currency, order or payment id is not the order's: flagged, never paid on (I1).</summary>
    Mismatch,

    /// <summary>The caller's claim failed (a webhook event seen before): nothing was written.</summary>
    Duplicate,
}

/// <summary>An order after a provider's report was applied to it.</summary>
internal sealed record PaymentOutcome(Order Order, PaymentEffect Effect);

/// <summary>
/// The one switch from what the provider says about a payment to what becomes of its order, shared by the buyer's
/// confirm, the webhook and reconciliation, so that whichever comes first wins and the others change nothing (I3).
/// </summary>
/// <remarks>
/// Each report is applied in one transaction with the order locked and its status read again, together with the
/// stock it moves and the outbox messages it causes. A succeeded payment whose stock can no longer be sold is never
/// forgotten (I4): the order records the refund it is owed, and the refund is made at once or by reconciliation.
/// </remarks>
internal sealed class PaymentApplier(ICheckoutStore store, IPaymentProvider provider, TimeProvider time, ILogger logger)
{
    private readonly RefundAttempts _attempts = new(store, provider, time);

    internal const string StockGoneReason =
        "Paid after its reservation ended (or its stock was lost), when the stock was no longer available: the payment is refunded in full.";

    internal const string PaidLateReason =
        "Paid after its reservation ended; the stock was still available and was sold.";

    internal const string MismatchReasonPrefix = "A payment report did not match this order";

    internal const string CanceledAtProviderReason = "The payment was canceled at the payment provider.";

    internal const string ExpiredReason = "Its reservation ended before a payment succeeded.";

    /// <summary>Applies <paramref name="payment"/> to its order and, when a refund became due, makes it.</summary>
    /// <param name="claim">
    /// Runs first inside the transaction; false means another run already applied this report (a webhook event seen
    /// before) and nothing is written. The claim commits with the effect, or not at all.
    /// </param>
    /// <exception cref="OrderNotFoundException">The order does not exist.</exception>
    public async Task<PaymentOutcome> ApplyAsync(
        string orderId,
        ProviderPayment payment,
        Func<ICheckoutTransaction, DateTimeOffset, Task<bool>>? claim,
        CancellationToken cancellationToken)
    {
        var outcome = await StoreRetry.RunAsync(() => ApplyOnceAsync(orderId, payment, claim, stockGone: false, cancellationToken))
            // Selling failed part-way: that attempt was rolled back whole, and a fresh one records the refund instead.
            ?? await StoreRetry.RunAsync(() => ApplyOnceAsync(orderId, payment, claim, stockGone: true, cancellationToken))
            ?? throw new InvalidOperationException("An attempt that sells nothing cannot run out of stock.");

        if (outcome.Effect != PaymentEffect.Duplicate && outcome.Order.RefundDue > 0)
        {
            try
            {
                return outcome with { Order = await SettleRefundDueAsync(outcome.Order.Id, cancellationToken) };
            }
            catch (PaymentProviderUnavailableException)
            {
                // The order says what is owed and when to look again, so reconciliation makes the refund.
                CheckoutLog.Deferred(logger, orderId, "the automatic refund");
            }
        }

        return outcome;
    }

    /// <summary>
    /// Makes the refund an order is owed (a payment whose stock could not be honoured) and records it. The same
    /// idempotency key every time, so a refund made before a crash is found again rather than made twice; and the
    /// attempt it writes first (<see cref="RefundAttempts"/>) finds it at the provider once the key is forgotten.
    /// </summary>
    /// <exception cref="PaymentProviderUnavailableException">Nothing was recorded; the order is still owed its refund.</exception>
    public async Task<Order> SettleRefundDueAsync(string orderId, CancellationToken cancellationToken)
    {
        var order = await store.GetOrderAsync(orderId, cancellationToken) ?? throw new OrderNotFoundException();
        if (order.RefundDue <= 0 || order.PaymentId is null)
        {
            return order;
        }

        var due = order.RefundDue;
        var refunds = await store.GetRefundsAsync(order.Id, cancellationToken);
        if (await _attempts.FindMadeAsync(order, refunds, attempted => attempted == due, cancellationToken) is { } made)
        {
            // Made before a crash and never recorded: recorded now as it stands, which may have failed since.
            CheckoutLog.Refunded(logger, order.Id, made.Id, made.Amount, made.Status);
            return await RecordRefundMadeAsync(order, made.RequestKey, made, cancellationToken);
        }

        var key = PaymentKeys.AutoRefund(order.Id, due, order.Total.Minor);
        await _attempts.StartAsync(order.Id, key, due, cancellationToken);
        ProviderRefund refund;
        try
        {
            refund = await provider.RefundAsync(new RefundRequest(order.PaymentId, due, key), cancellationToken);
        }
        catch (PaymentRequestRejectedException rejected)
        {
            // Refunded already by other means (the dashboard): the provider's own count settles what is owed.
            var payment = await provider.GetAsync(order.PaymentId, cancellationToken);
            if (payment.AmountRefunded >= order.Total.Minor)
            {
                return await StoreRetry.RunAsync(() => RecordRefundDueAsync(orderId, key, null, payment.AmountRefunded, cancellationToken));
            }

            CheckoutLog.RefundRefused(logger, order.Id, rejected.Code);
            return await StoreRetry.RunAsync(() => StopRetryingRefundAsync(orderId, key, cancellationToken));
        }

        CheckoutLog.Refunded(logger, order.Id, refund.Id, refund.Amount, refund.Status);
        if (refund.Failed)
        {
            CheckoutLog.RefundRefused(logger, order.Id, refund.Status);
            return await StoreRetry.RunAsync(() => StopRetryingRefundAsync(orderId, key, cancellationToken));
        }

        return await RecordRefundMadeAsync(order, key, refund, cancellationToken);
    }

    /// <summary>
    /// Applies a change of a refund the provider reported: the refund's row takes its status, and when the refund
    /// failed, <paramref name="paymentNow"/> (read from the provider after the report) says how much of the payment is
    /// still refunded, and an order counting more goes back down to it.
    /// </summary>
    /// <param name="paymentNow">The payment as the provider reports it now; needed only when the refund failed.</param>
    /// <param name="claim">As for <see cref="ApplyAsync"/>: the webhook event, recorded with the change.</param>
    /// <exception cref="OrderNotFoundException">The order does not exist.</exception>
    public async Task<PaymentOutcome> ApplyRefundUpdateAsync(
        string orderId,
        ProviderRefund refund,
        ProviderPayment? paymentNow,
        Func<ICheckoutTransaction, DateTimeOffset, Task<bool>> claim,
        CancellationToken cancellationToken)
    {
        var (before, outcome) = await ApplyClaimedAsync(orderId, claim, async (transaction, order, now) =>
        {
            // A refund whose refund.created has not arrived (or is not sent to this endpoint) is listed from this report.
            var listed = await transaction.TryInsertRefundAsync(order.Id, Learned(refund, order), cancellationToken)
                || await transaction.TrySetRefundStatusAsync(refund.Id, refund.Status, refund.FailureReason, cancellationToken);
            if (paymentNow is null || !refund.Failed)
            {
                return new PaymentOutcome(order, listed ? PaymentEffect.Changed : PaymentEffect.Unchanged);
            }

            if (MismatchOf(order, paymentNow) is { } mismatch)
            {
                return await FlagMismatchAsync(transaction, order, paymentNow, mismatch, now, cancellationToken);
            }

            var lowered = OrderTransitions.RefundFailed(order, paymentNow.AmountRefunded, now);
            if (lowered == order)
            {
                return new PaymentOutcome(order, listed ? PaymentEffect.Changed : PaymentEffect.Unchanged);
            }

            if (order.ReceiptWithheld && lowered.IsReceiptDue)
            {
                // Its receipt was held back while the order was refunded whole. Paid again, the buyer is owed it, queued in
                // the transaction that says so, as when the order was first paid.
                await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.ReceiptSend, order.Id, []), now, cancellationToken);
                lowered = lowered with { ReceiptWithheld = false };
            }

            return new PaymentOutcome(await transaction.UpdateAsync(lowered, cancellationToken), PaymentEffect.Changed);
        }, cancellationToken);

        if (outcome.Order.RefundedAmount < before.RefundedAmount)
        {
            CheckoutLog.RefundFailed(logger, before.Id, before.RefundedAmount - outcome.Order.RefundedAmount, outcome.Order.RefundedAmount);
        }

        if (outcome.Order.Status != before.Status)
        {
            CheckoutLog.Moved(logger, before.Id, before.Status, outcome.Order.Status);
        }

        return outcome;
    }

    /// <summary>
    /// Lists a refund the provider reports made (its refund.created event): one made in the provider's dashboard, or
    /// one whose request died before recording it, has no other way onto the order's list. Listed as not answered, so
    /// the shop's refund keys still count it out (<see cref="OrderRefund.Answered"/>). What the order counts as refunded
    /// comes from the payment's own reports (charge.refunded), not from here.
    /// </summary>
    /// <param name="claim">As for <see cref="ApplyAsync"/>: the webhook event, recorded with the row.</param>
    /// <exception cref="OrderNotFoundException">The order does not exist.</exception>
    public async Task<PaymentOutcome> ApplyRefundMadeAsync(
        string orderId,
        ProviderRefund refund,
        Func<ICheckoutTransaction, DateTimeOffset, Task<bool>> claim,
        CancellationToken cancellationToken) =>
        (await ApplyClaimedAsync(orderId, claim, async (transaction, order, _) =>
            new PaymentOutcome(order, await transaction.TryInsertRefundAsync(order.Id, Learned(refund, order), cancellationToken)
                ? PaymentEffect.Changed
                : PaymentEffect.Unchanged),
            cancellationToken)).Outcome;

    /// <summary>Says on the order what became of a dispute of its payment (<see cref="OrderTransitions.Disputed"/>).</summary>
    /// <param name="claim">As for <see cref="ApplyAsync"/>: the webhook event, recorded with the change.</param>
    /// <exception cref="OrderNotFoundException">The order does not exist.</exception>
    public async Task<PaymentOutcome> ApplyDisputeAsync(
        string orderId,
        ProviderDispute dispute,
        Func<ICheckoutTransaction, DateTimeOffset, Task<bool>> claim,
        CancellationToken cancellationToken)
    {
        var (_, outcome) = await ApplyClaimedAsync(orderId, claim, async (transaction, order, now) =>
        {
            // Not recorded: the stored dispute says so already, or was decided and this report came late.
            if (!await transaction.TryRecordDisputeAsync(order.Id, OrderDispute.Of(dispute, order.Currency, now), cancellationToken))
            {
                return new PaymentOutcome(order, PaymentEffect.Unchanged);
            }

            var flagged = OrderTransitions.Disputed(order, dispute, now);
            return new PaymentOutcome(flagged == order ? order : await transaction.UpdateAsync(flagged, cancellationToken), PaymentEffect.Changed);
        }, cancellationToken);

        if (outcome.Effect != PaymentEffect.Duplicate)
        {
            CheckoutLog.Disputed(logger, orderId, dispute.Reason, dispute.Amount, dispute.Id, dispute.Status);
        }

        return outcome;
    }

    /// <summary>Records a refused card on a pending order (a redirect provider's server-side confirmation).</summary>
    public Task<Order> RecordDeclineAsync(string orderId, PaymentError error, CancellationToken cancellationToken) =>
        StoreRetry.RunAsync(async () =>
        {
            var now = time.StoreNow();
            await using var transaction = await store.BeginAsync(cancellationToken);
            var order = await transaction.GetOrderForUpdateAsync(orderId, cancellationToken) ?? throw new OrderNotFoundException();
            if (order.Status != OrderStatus.PendingPayment || order.LastPaymentError == error)
            {
                return order;
            }

            var written = await transaction.UpdateAsync(order with { LastPaymentError = error, UpdatedAt = now }, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            CheckoutLog.Declined(logger, orderId, error.DeclineCode ?? error.Code);
            return written;
        });

    /// <summary>What of the order does not match the payment, or null when all of it does.</summary>
    internal static string? MismatchOf(Order order, ProviderPayment payment)
    {
        var problems = new List<string>(4);
        if (order.PaymentId is not null && !string.Equals(order.PaymentId, payment.Id, StringComparison.Ordinal))
        {
            problems.Add("payment id");
        }

        if (payment.Amount.Currency != order.Currency)
        {
            problems.Add("currency");
        }

        if (payment.Amount.Minor != order.Total.Minor)
        {
            problems.Add("amount");
        }

        // A report without the order id proves nothing about which order it pays: only an equal id counts (I1).
        if (!string.Equals(payment.OrderId, order.Id, StringComparison.Ordinal))
        {
            problems.Add("order id");
        }

        return problems.Count == 0 ? null : string.Join(", ", problems);
    }

    // Null when the attempt found stock gone part-way (and was rolled back): the caller runs it again with stockGone.
    private async Task<PaymentOutcome?> ApplyOnceAsync(
        string orderId,
        ProviderPayment payment,
        Func<ICheckoutTransaction, DateTimeOffset, Task<bool>>? claim,
        bool stockGone,
        CancellationToken cancellationToken)
    {
        var now = time.StoreNow();
        await using var transaction = await store.BeginAsync(cancellationToken);
        var order = await transaction.GetOrderForUpdateAsync(orderId, cancellationToken) ?? throw new OrderNotFoundException();
        if (claim is not null && !await claim(transaction, now))
        {
            return new PaymentOutcome(order, PaymentEffect.Duplicate);
        }

        PaymentOutcome? outcome;
        if (MismatchOf(order, payment) is { } mismatch)
        {
            outcome = await FlagMismatchAsync(transaction, order, payment, mismatch, now, cancellationToken);
        }
        else
        {
            outcome = payment.Status switch
            {
                PaymentStatus.Succeeded => await SucceededAsync(transaction, order, payment, stockGone, now, cancellationToken),
                PaymentStatus.Canceled => await CanceledAsync(transaction, order, now, cancellationToken),
                PaymentStatus.AwaitingPaymentMethod when payment.LastError is { } error => await DeclinedAsync(transaction, order, error, now, cancellationToken),
                _ => new PaymentOutcome(order, PaymentEffect.Unchanged),
            };
        }

        if (outcome is null)
        {
            return null;
        }

        // Committed even when nothing changed, so that a claimed webhook event stays claimed.
        await transaction.CommitAsync(cancellationToken);
        if (outcome.Order.Status != order.Status)
        {
            CheckoutLog.Moved(logger, order.Id, order.Status, outcome.Order.Status);
        }

        return outcome;
    }

    private async Task<PaymentOutcome> FlagMismatchAsync(
        ICheckoutTransaction transaction,
        Order order,
        ProviderPayment payment,
        string mismatch,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        CheckoutLog.Mismatch(logger, order.Id, payment.Id, mismatch);
        var reason = $"{MismatchReasonPrefix} ({mismatch}); it was not paid on that report.";

        // An order already paid (or refunded) keeps the reason it has; the log line is the record of the stray report.
        if (order.StatusReason == reason || OrderStatuses.IsPaid(order.Status) || order.Status == OrderStatus.Refunded)
        {
            return new PaymentOutcome(order, PaymentEffect.Mismatch);
        }

        var flagged = await transaction.UpdateAsync(order with { StatusReason = reason, UpdatedAt = now }, cancellationToken);
        return new PaymentOutcome(flagged, PaymentEffect.Mismatch);
    }

    private async Task<PaymentOutcome?> SucceededAsync(
        ICheckoutTransaction transaction,
        Order order,
        ProviderPayment payment,
        bool stockGone,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (OrderStatuses.IsPaid(order.Status))
        {
            // Already paid: only a refund the provider reports can still change it, and never back to unpaid.
            var refunded = await OrderTransitions.RefundToAsync(transaction, order, payment.AmountRefunded, now, cancellationToken);
            return refunded == order
                ? new PaymentOutcome(order, PaymentEffect.Unchanged)
                : new PaymentOutcome(await transaction.UpdateAsync(refunded, cancellationToken), PaymentEffect.Changed);
        }

        if (order.Status == OrderStatus.Refunded || order.RefundDue > 0)
        {
            // Refunded, or its refund is owed: the stock was never sold. Only a refund made some other way (the
            // dashboard, after the automatic one was refused or failed) can still settle what is owed.
            var settled = await OrderTransitions.SettleOwedAsync(transaction, order, payment.AmountRefunded, now, cancellationToken);
            return settled == order
                ? new PaymentOutcome(order, PaymentEffect.Unchanged)
                : new PaymentOutcome(await transaction.UpdateAsync(settled, cancellationToken), PaymentEffect.Changed);
        }

        if (stockGone)
        {
            // What the provider counts refunded already (a part from its dashboard, made before this report) is not owed
            // again: a refund of the whole payment would be refused as too large, and could never be made.
            var owed = await OweRefundAsync(transaction, order, now, cancellationToken);
            var settled = await OrderTransitions.SettleOwedAsync(transaction, owed, payment.AmountRefunded, now, cancellationToken);
            return new PaymentOutcome(settled == owed ? owed : await transaction.UpdateAsync(settled, cancellationToken), PaymentEffect.Changed);
        }

        // Late whether or not anything has released the ended reservation yet: a checkout releases them only when it
        // runs short, so what the order says must not hang on whether one happened to.
        var late = order.Status != OrderStatus.PendingPayment || order.ReservedUntil <= now;
        foreach (var line in order.Lines.OrderBy(line => line.Sku, StringComparer.Ordinal))
        {
            var sold = await transaction.SellReservedAsync(order.Id, line.Sku, cancellationToken);
            if (sold == SellOutcome.NotReserved)
            {
                // The reservation ended (and was released) before the payment: sell again if the stock is still there.
                late = true;
                await transaction.ReleaseExpiredReservationsAsync(line.Sku, now, cancellationToken);
                sold = await transaction.TrySellUnreservedAsync(line.Sku, line.Quantity, cancellationToken)
                    ? SellOutcome.Sold
                    : SellOutcome.InsufficientStock;
            }

            if (sold != SellOutcome.Sold)
            {
                return null;
            }
        }

        var paid = order with
        {
            Status = OrderStatus.Paid,
            PaidAt = now,
            ClientSecret = null,
            LastPaymentError = null,
            // Paid the usual way, nothing needs explaining any more (a stray report before it is in the log).
            // A dispute can be reported before the payment it disputes (events come in any order): it still stands.
            StatusReason = OrderTransitions.IsAboutDispute(order.StatusReason) ? order.StatusReason : late ? PaidLateReason : null,
            ReconcileAfter = null,
            UpdatedAt = now,
        };
        OrderTransitions.EnsureCanMove(order.Status, paid.Status);
        await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.OrderPaid, order.Id, OrderTransitions.SkusOf(order)), now, cancellationToken);
        // In the same transaction as the move to paid, which happens once however confirms and webhooks race: one receipt.
        await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.ReceiptSend, order.Id, []), now, cancellationToken);

        // Reports can come out of order: one that already counts a refund pays and refunds in the same write.
        paid = await OrderTransitions.RefundToAsync(transaction, paid, payment.AmountRefunded, now, cancellationToken);
        return new PaymentOutcome(await transaction.UpdateAsync(paid, cancellationToken), PaymentEffect.Changed);
    }

    private async Task<Order> OweRefundAsync(ICheckoutTransaction transaction, Order order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var sku = order.Lines[0].Sku;
        CheckoutLog.StockGone(logger, order.Id, sku, order.Total.Minor);
        // A pending order ends as expired; an expired or canceled one keeps its status until the refund is made.
        var to = order.Status == OrderStatus.PendingPayment ? OrderStatus.Expired : order.Status;
        if (to != order.Status)
        {
            OrderTransitions.EnsureCanMove(order.Status, to);
        }

        await transaction.ReleaseReservationsAsync(order.Id, cancellationToken);
        var owed = await transaction.UpdateAsync(
            order with
            {
                Status = to,
                RefundDue = order.Total.Minor,
                StatusReason = StockGoneReason,
                ClientSecret = null,
                LastPaymentError = null,
                // Due at once: if the refund below does not happen, the next reconciliation run makes it.
                ReconcileAfter = now,
                UpdatedAt = now,
            },
            cancellationToken);
        if (to != order.Status)
        {
            await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.OrderExpired, order.Id, OrderTransitions.SkusOf(order)), now, cancellationToken);
        }

        return owed;
    }

    private static async Task<PaymentOutcome> CanceledAsync(ICheckoutTransaction transaction, Order order, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.PendingPayment)
        {
            return new PaymentOutcome(order, PaymentEffect.Unchanged);
        }

        // Whoever canceled it (the buyer, reconciliation at expiry, the dashboard), an order past its reservation
        // ended by expiring.
        var expired = order.ReservedUntil <= now;
        var ended = await OrderTransitions.EndUnpaidAsync(
            transaction,
            order,
            expired ? OrderStatus.Expired : OrderStatus.Canceled,
            expired ? ExpiredReason : CanceledAtProviderReason,
            announce: true,
            now,
            cancellationToken);
        return new PaymentOutcome(ended, PaymentEffect.Changed);
    }

    private async Task<PaymentOutcome> DeclinedAsync(ICheckoutTransaction transaction, Order order, PaymentError error, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (order.Status != OrderStatus.PendingPayment || order.LastPaymentError == error)
        {
            return new PaymentOutcome(order, PaymentEffect.Unchanged);
        }

        CheckoutLog.Declined(logger, order.Id, error.DeclineCode ?? error.Code);
        var written = await transaction.UpdateAsync(order with { LastPaymentError = error, UpdatedAt = now }, cancellationToken);
        return new PaymentOutcome(written, PaymentEffect.Changed);
    }

    /// <summary>Records <paramref name="refund"/>, made for what <paramref name="order"/> is owed, with what the provider counts refunded now.</summary>
    private async Task<Order> RecordRefundMadeAsync(Order order, string? attemptKey, ProviderRefund refund, CancellationToken cancellationToken)
    {
        // The order counts what the provider counts, read after the refund: a key sent again after a crash is answered
        // with the refund as it was made, which may have failed since.
        var refundedTotal = (await provider.GetAsync(order.PaymentId!, cancellationToken)).AmountRefunded;
        return await StoreRetry.RunAsync(() => RecordRefundDueAsync(order.Id, attemptKey, refund, refundedTotal, cancellationToken));
    }

    /// <param name="attemptKey">The key of the attempt that asked for the refund, answered now and forgotten with the record.</param>
    private async Task<Order> RecordRefundDueAsync(string orderId, string? attemptKey, ProviderRefund? refund, long refunded, CancellationToken cancellationToken)
    {
        var now = time.StoreNow();
        await using var transaction = await store.BeginAsync(cancellationToken);
        var order = await transaction.GetOrderForUpdateAsync(orderId, cancellationToken) ?? throw new OrderNotFoundException();
        if (refund is not null)
        {
            await transaction.TryAnswerRefundAsync(order.Id, OrderRefund.Of(refund, order.Currency), cancellationToken);
        }

        await RefundAttempts.ForgetAsync(transaction, attemptKey, cancellationToken);

        if (order.RefundDue <= 0)
        {
            // Another run recorded it first; the refund row (if new) is all this one adds.
            await transaction.CommitAsync(cancellationToken);
            return order;
        }

        var settled = await OrderTransitions.SettleOwedAsync(transaction, order, refunded, now, cancellationToken);
        if (settled.RefundDue > 0)
        {
            // The provider does not count the payment refunded: the refund failed after it was made, and before this
            // run recorded it. Sending the same key again would only find the same refund.
            settled = settled with
            {
                ReconcileAfter = null,
                StatusReason = OrderTransitions.StillOwedReason(new Money(settled.RefundDue, order.Currency)),
                UpdatedAt = now,
            };
        }

        var written = await transaction.UpdateAsync(settled, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        if (written.Status != order.Status)
        {
            CheckoutLog.Moved(logger, order.Id, order.Status, written.Status);
        }

        return written;
    }

    private async Task<Order> StopRetryingRefundAsync(string orderId, string attemptKey, CancellationToken cancellationToken)
    {
        var now = time.StoreNow();
        await using var transaction = await store.BeginAsync(cancellationToken);
        var order = await transaction.GetOrderForUpdateAsync(orderId, cancellationToken) ?? throw new OrderNotFoundException();

        // Answered with a refusal (or a refund that failed at once): the trace would send the refund a person makes to
        // the provider's list, and answer it with this one.
        await RefundAttempts.ForgetAsync(transaction, attemptKey, cancellationToken);
        if (order.RefundDue <= 0 || order.ReconcileAfter is null)
        {
            await transaction.CommitAsync(cancellationToken);
            return order;
        }

        // The same key would only get the same refusal: the refund is still owed, for a person to make.
        const string reason = StockGoneReason + " The provider refused the automatic refund; it must be made by hand.";
        var stopped = await transaction.UpdateAsync(order with { ReconcileAfter = null, StatusReason = reason, UpdatedAt = now }, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return stopped;
    }

    /// <summary>
    /// Runs <paramref name="apply"/> on the order, locked, in one transaction with the caller's claim (a webhook event):
    /// nothing when the claim fails (a duplicate). Committed even when nothing changed, so that the claimed event stays
    /// claimed. Returns the order as it was read, and the outcome.
    /// </summary>
    private Task<(Order Before, PaymentOutcome Outcome)> ApplyClaimedAsync(
        string orderId,
        Func<ICheckoutTransaction, DateTimeOffset, Task<bool>> claim,
        Func<ICheckoutTransaction, Order, DateTimeOffset, Task<PaymentOutcome>> apply,
        CancellationToken cancellationToken) =>
        StoreRetry.RunAsync(async () =>
        {
            var now = time.StoreNow();
            await using var transaction = await store.BeginAsync(cancellationToken);
            var order = await transaction.GetOrderForUpdateAsync(orderId, cancellationToken) ?? throw new OrderNotFoundException();
            if (!await claim(transaction, now))
            {
                return (order, new PaymentOutcome(order, PaymentEffect.Duplicate));
            }

            var outcome = await apply(transaction, order, now);
            await transaction.CommitAsync(cancellationToken);
            return (order, outcome);
        });

    /// <summary>A refund learned from the provider's event, which no request of the shop was answered with.</summary>
    private static OrderRefund Learned(ProviderRefund refund, Order order) => OrderRefund.Of(refund, order.Currency) with { Answered = false };
}
