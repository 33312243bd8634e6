using System.Diagnostics.CodeAnalysis;

namespace Jamcart.Core;

/// <summary>The order state machine: which moves are allowed, and the statuses' names on the wire and in the database.</summary>
/// <remarks>
/// The one rule every other follows: money taken is never forgotten. Once paid, an order can only move to a refund
/// status, so a late, duplicated or reordered event can never make a paid order unpaid (invariants I3, I4). An
/// expired or canceled order may still become paid, because a payment can succeed at the provider after Jamcart gave
/// up on it; the checkout then sells the stock again if it can, or refunds.
/// </remarks>
public static class OrderStatuses
{
    private static readonly OrderStatus[] All = Enum.GetValues<OrderStatus>();

    /// <summary>Whether an order may move from <paramref name="from"/> to <paramref name="to"/>.</summary>
    public static bool CanMove(OrderStatus from, OrderStatus to) => (from, to) switch
    {
        (OrderStatus.PendingPayment, OrderStatus.Paid or OrderStatus.Expired or OrderStatus.Canceled) => true,
        (OrderStatus.Expired or OrderStatus.Canceled, OrderStatus.Paid or OrderStatus.Refunded) => true,
        (OrderStatus.Paid or OrderStatus.PartiallyRefunded, OrderStatus.PartiallyRefunded or OrderStatus.Refunded) => true,
        _ => false,
    };

    /// <summary>Whether money was taken for the order and is (at least partly) kept.</summary>
    public static bool IsPaid(OrderStatus status) => status is OrderStatus.Paid or OrderStatus.PartiallyRefunded;

    /// <summary>The snake_case name the API and the database use (<c>pending_payment</c>).</summary>
    public static string ToWire(OrderStatus status) => status switch
    {
        OrderStatus.PendingPayment => "pending_payment",
        OrderStatus.Paid => "paid",
        OrderStatus.Expired => "expired",
        OrderStatus.Canceled => "canceled",
        OrderStatus.Refunded => "refunded",
        OrderStatus.PartiallyRefunded => "partially_refunded",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Not an order status."),
    };

    /// <summary>Reads a snake_case status name; false for anything else.</summary>
    public static bool TryParse(string? wire, [NotNullWhen(true)] out OrderStatus? status)
    {
        foreach (var candidate in All)
        {
            if (string.Equals(ToWire(candidate), wire, StringComparison.Ordinal))
            {
                status = candidate;
                return true;
            }
        }

        status = null;
        return false;
    }
}
