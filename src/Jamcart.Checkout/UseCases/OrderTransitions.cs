using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

namespace Jamcart.Checkout.UseCases;

/// <summary>
/// The moves of an order together with their stock movements and outbox messages, inside the caller's transaction,
/// so that each one commits whole or not at all. Every move is checked against <see cref="OrderStatuses"/>.
/// </summary>
internal static class OrderTransitions
{
    private const string DisputeDecidedPrefix = "A dispute of the payment was decided";
    private const string DisputeOpenPrefix = "The payment is disputed";
    private const string InquiryOpenPrefix = "The card's bank asked about the payment";
    private const string InquiryClosedPrefix = "The card's bank closed its inquiry";
    private const string RefundFailedPrefix = "A refund of ";
    private const string RefundFailedMiddle = " failed after it was made (the card's bank turned it down), so that money was not returned: ";

    /// <summary>
    /// Ends an unpaid order as <paramref name="to"/> (expired or canceled): releases its reservation and writes it.
    /// </summary>
    /// <param name="announce">False for an order the buyer never saw: nobody is told about it.</param>
    public static async Task<Order> EndUnpaidAsync(
        ICheckoutTransaction transaction,
        Order order,
        OrderStatus to,
        string reason,
        bool announce,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        EnsureCanMove(order.Status, to);
        await transaction.ReleaseReservationsAsync(order.Id, cancellationToken);
        var written = await transaction.UpdateAsync(
            order with { Status = to, StatusReason = reason, ClientSecret = null, ReconcileAfter = null, UpdatedAt = now },
            cancellationToken);
        if (announce)
        {
            // Every line's SKU, not only what this release freed: an expired reservation may have stopped counting
            // earlier, without anyone telling the pages.
            var kind = to == OrderStatus.Expired ? OutboxKinds.OrderExpired : OutboxKinds.OrderCanceled;
            await transaction.EnqueueAsync(new OutboxMessage(kind, order.Id, SkusOf(order)), now, cancellationToken);
        }

        return written;
    }

    /// <summary>
    /// Takes an order back down to <paramref name="refundedTotal"/> refunded, when the provider reports less than the
    /// order counts: a refund failed after it was made, and its money stayed with the shop. The only move back from a
    /// refund; the caller writes the order, which says why.
    /// </summary>
    /// <remarks>
    /// A paid order reads paid or partially refunded again. Units a full refund put back on hand stay there, and the
    /// next full refund does not put them back again (<see cref="Order.UnitsReturned"/>): whether the goods came back
    /// is the shop's to know. An order that was never paid (its payment came after its stock was
    /// gone, and was refunded automatically) goes back to expired, owing the refund again. It is not retried: the
    /// provider would answer the same key with the same failed refund, so it is for a person to make another way.
    /// </remarks>
    public static Order RefundFailed(Order order, long refundedTotal, DateTimeOffset now)
    {
        refundedTotal = Math.Max(0, refundedTotal);
        if (refundedTotal >= order.RefundedAmount)
        {
            return order;
        }

        // Read by the buyer as well as the shop, so it says what happened rather than what to do; after several
        // failures it still says how much counts as refunded, and the refunds list says which failed.
        var failed = $"{MoneyFormatter.FormatPlain(new Money(order.RefundedAmount - refundedTotal, order.Currency))} {order.Currency.Code}";
        if (order.PaidAt is null)
        {
            if (order.Status != OrderStatus.Refunded)
            {
                return order;
            }

            return order with
            {
                Status = OrderStatus.Expired,
                RefundedAmount = refundedTotal,
                RefundDue = order.Total.Minor - refundedTotal,
                ReconcileAfter = null,
                StatusReason = StillOwedReason(new Money(order.RefundedAmount - refundedTotal, order.Currency)),
                UpdatedAt = now,
            };
        }

        if (!(OrderStatuses.IsPaid(order.Status) || order.Status == OrderStatus.Refunded))
        {
            return order;
        }

        return order with
        {
            Status = refundedTotal == 0 ? OrderStatus.Paid : OrderStatus.PartiallyRefunded,
            RefundedAmount = refundedTotal,
            StatusReason = $"{RefundFailedPrefix}{failed}{RefundFailedMiddle}"
                + $"{MoneyFormatter.FormatPlain(new Money(refundedTotal, order.Currency))} {order.Currency.Code} of the payment counts as refunded now.",
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Says on the order what became of a dispute of its payment (a chargeback). Its status stays: a dispute is not a
    /// refund, and whether the goods go out is the shop's to decide with this in view. The caller applies only reports
    /// its stored dispute took, so a late report that the dispute is open never replaces its decision. Changes only
    /// <paramref name="order"/> in memory; the caller writes it.
    /// </summary>
    public static Order Disputed(Order order, ProviderDispute dispute, DateTimeOffset now)
    {
        var amount = $"{MoneyFormatter.FormatPlain(new Money(dispute.Amount, order.Currency))} {order.Currency.Code}";
        string reason;
        if (dispute.Won)
        {
            reason = $"{DisputeDecidedPrefix} for the shop: the {amount} stays paid.";
        }
        else if (dispute.Lost)
        {
            reason = $"{DisputeDecidedPrefix} for the cardholder: {amount} went back to them through their bank.";
        }
        else if (dispute.Status == DisputeStatuses.InquiryClosed)
        {
            reason = $"{InquiryClosedPrefix} about the payment without a chargeback: nothing was withheld.";
        }
        else if (DisputeStatuses.IsInquiry(dispute.Status))
        {
            // An inquiry (a retrieval request) moves no money: saying it is withheld would be wrong, and stay wrong once
            // it closes, since only a won or lost dispute replaced that text.
            reason = $"{InquiryOpenPrefix} ({dispute.Reason}), an inquiry that is not a chargeback: nothing is withheld from the shop{DueText(dispute)}.";
        }
        else
        {
            reason = $"{DisputeOpenPrefix} with the card's bank ({dispute.Reason}): {amount} is withheld from the shop until the dispute is decided{DueText(dispute)}.";
        }

        return order.StatusReason == reason ? order : order with { StatusReason = reason, UpdatedAt = now };
    }

    /// <summary>Whether <paramref name="reason"/> is what <see cref="RefundFailed"/> wrote of a paid order: its figure is stale once a later refund counts.</summary>
    public static bool IsAboutFailedRefund(string? reason) =>
        reason is not null && reason.StartsWith(RefundFailedPrefix, StringComparison.Ordinal) && reason.Contains(RefundFailedMiddle, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="reason"/> is what <see cref="Disputed"/> wrote: kept when the payment's own report comes after it.</summary>
    public static bool IsAboutDispute(string? reason) =>
        reason is not null
        && (reason.StartsWith(DisputeOpenPrefix, StringComparison.Ordinal) || reason.StartsWith(DisputeDecidedPrefix, StringComparison.Ordinal)
            || reason.StartsWith(InquiryOpenPrefix, StringComparison.Ordinal) || reason.StartsWith(InquiryClosedPrefix, StringComparison.Ordinal));

    // Once answered, the due date is past concern: what is said instead is that the answer is being reviewed.
    private static string DueText(ProviderDispute dispute) =>
        DisputeStatuses.IsUnderReview(dispute.Status) ? ", and the shop's answer is under review"
        : dispute.DueBy is { } by ? $", and the shop's answer is due by {by.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture)}"
        : "";

    /// <summary>Why an order that was never paid, and was refunded <paramref name="refunded"/> by other means, still owes <paramref name="due"/>.</summary>
    public static string PartlyOwedReason(Money refunded, Money due) =>
        PaymentApplier.StockGoneReason + $" {MoneyFormatter.FormatPlain(refunded)} {refunded.Currency.Code} of it was refunded by other means; "
        + $"{MoneyFormatter.FormatPlain(due)} {due.Currency.Code} is still owed.";

    /// <summary>Why an order that was never paid still owes its payment back after <paramref name="failed"/> of refund failed.</summary>
    public static string StillOwedReason(Money failed) =>
        PaymentApplier.StockGoneReason + $" The refund of {MoneyFormatter.FormatPlain(failed)} {failed.Currency.Code} failed after it was made "
        + "(the card's bank turned it down), so it is still owed.";

    /// <summary>
    /// Settles the refund an unpaid order owes (a payment after its stock was gone) once the provider counts the whole
    /// payment refunded, however that refund was made: automatically, from the provider's dashboard after the automatic
    /// one was refused or failed, or by another run first. A part refunded by other means (the dashboard) is counted:
    /// the order then owes only the rest, which is what a refund of it must be for. Changes only
    /// <paramref name="order"/> in memory; the caller writes it.
    /// </summary>
    public static async Task<Order> SettleOwedAsync(
        ICheckoutTransaction transaction,
        Order order,
        long refundedTotal,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        if (order.RefundDue <= 0)
        {
            return order;
        }

        if (refundedTotal < order.Total.Minor)
        {
            // Only more than the order counts already (an owed order counts what it does not owe): a count that went
            // down is a refund that failed, which RefundFailed says.
            var due = order.Total.Minor - refundedTotal;
            return refundedTotal <= order.RefundedAmount
                ? order
                : order with
                {
                    RefundedAmount = refundedTotal,
                    RefundDue = due,
                    // The rest is a refund not tried yet (its own key): reconciliation makes it if nothing does first.
                    ReconcileAfter = now,
                    StatusReason = PartlyOwedReason(new Money(refundedTotal, order.Currency), new Money(due, order.Currency)),
                    UpdatedAt = now,
                };
        }

        EnsureCanMove(order.Status, OrderStatus.Refunded);

        // No SKUs: the stock of an order refunded this way was never sold, so no page changes.
        await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.OrderRefunded, order.Id, []), now, cancellationToken);
        return order with
        {
            Status = OrderStatus.Refunded,
            RefundedAmount = order.Total.Minor,
            RefundDue = 0,
            ReconcileAfter = null,
            StatusReason = PaymentApplier.StockGoneReason,
            UpdatedAt = now,
        };
    }

    /// <summary>
    /// Takes a paid order to <paramref name="refundedTotal"/> refunded (never back down): partially refunded, or
    /// refunded with every line back on hand (the first time only). Changes only <paramref name="order"/> in memory; the
    /// caller writes it.
    /// </summary>
    public static async Task<Order> RefundToAsync(
        ICheckoutTransaction transaction,
        Order order,
        long refundedTotal,
        DateTimeOffset now,
        CancellationToken cancellationToken)
    {
        refundedTotal = Math.Min(refundedTotal, order.Total.Minor);
        if (refundedTotal <= order.RefundedAmount)
        {
            return order;
        }

        var full = refundedTotal >= order.Total.Minor;
        var to = full ? OrderStatus.Refunded : OrderStatus.PartiallyRefunded;
        if (!OrderStatuses.CanMove(order.Status, to))
        {
            return order;
        }

        // Once only: after a full refund that failed later, the units it put back are still on hand.
        var returning = full && !order.UnitsReturned;
        if (returning)
        {
            foreach (var line in order.Lines)
            {
                await transaction.RestockAsync(line.Sku, line.Quantity, cancellationToken);
            }
        }

        await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.OrderRefunded, order.Id, returning ? SkusOf(order) : []), now, cancellationToken);

        // What an earlier failed refund left counted is no longer so; the refunds list still shows that it failed.
        var reason = IsAboutFailedRefund(order.StatusReason) ? null : order.StatusReason;
        return order with { Status = to, RefundedAmount = refundedTotal, UnitsReturned = order.UnitsReturned || full, StatusReason = reason, UpdatedAt = now };
    }

    public static IReadOnlyList<string> SkusOf(Order order) => [.. order.Lines.Select(line => line.Sku)];

    public static void EnsureCanMove(OrderStatus from, OrderStatus to)
    {
        if (!OrderStatuses.CanMove(from, to))
        {
            throw new InvalidOperationException($"An order cannot move from {OrderStatuses.ToWire(from)} to {OrderStatuses.ToWire(to)}.");
        }
    }
}
