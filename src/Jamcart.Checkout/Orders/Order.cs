using Jamcart.Checkout.Payments;
using Jamcart.Core;

namespace Jamcart.Checkout.Orders;

/// <summary>An order as the store database keeps it. Every change is written conditionally on <see cref="Version"/>.</summary>
public sealed record Order
{
    /// <summary><c>ord_</c> and 26 random base32 characters.</summary>
    public required string Id { get; init; }

    /// <summary>SHA-256 of the order token, so that a copy of the database does not open its orders (invariant I6).</summary>
    public required string TokenHash { get; init; }

    public required OrderStatus Status { get; init; }
    public required IReadOnlyList<OrderLine> Lines { get; init; }
    public required Money Subtotal { get; init; }
    public required Money Shipping { get; init; }
    public required Money Discount { get; init; }
    public required Money Tax { get; init; }
    public required bool TaxInclusive { get; init; }
    public required Money Total { get; init; }
    public required string Email { get; init; }
    public ShippingAddress? ShippingAddress { get; init; }
    public required string Locale { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
    public required DateTimeOffset UpdatedAt { get; init; }

    /// <summary>When the order's reservation stops holding stock, whether or not anything has released it yet.</summary>
    public required DateTimeOffset ReservedUntil { get; init; }

    public DateTimeOffset? PaidAt { get; init; }

    /// <summary>The provider's name (<c>sandbox</c>, <c>stripe</c>).</summary>
    public required string PaymentProvider { get; init; }

    /// <summary>The provider's payment id; null until the payment was created (or when a crash came first).</summary>
    public string? PaymentId { get; init; }

    /// <summary>What the browser needs to pay; handed out only while the order is pending and never logged.</summary>
    public string? ClientSecret { get; init; }

    public PaymentError? LastPaymentError { get; init; }
    public long RefundedAmount { get; init; }

    /// <summary>Why the order is in its status when that is not the usual path (paid after expiry, a mismatched event).</summary>
    public string? StatusReason { get; init; }

    /// <summary>Minor units the shop owes back automatically and has not yet refunded (invariant I4).</summary>
    public long RefundDue { get; init; }

    /// <summary>
    /// Whether a full refund put the order's units back on hand. It stays true when that refund fails later (the goods
    /// may well have come back), so that units go back once however often the order is refunded again.
    /// </summary>
    public bool UnitsReturned { get; init; }

    /// <summary>
    /// Whether its receipt was held back because the order was refunded whole before the receipt went out. A refund that
    /// fails later makes the order paid again, and its receipt due again.
    /// </summary>
    public bool ReceiptWithheld { get; init; }

    /// <summary>When reconciliation must look at this order again; null when nothing is left to do.</summary>
    public DateTimeOffset? ReconcileAfter { get; init; }

    /// <summary>Bumped by every write; a write with a stale version changes nothing.</summary>
    public long Version { get; init; }

    /// <summary>The store's currency, which every amount of the order is in.</summary>
    public Currency Currency => Total.Currency;

    /// <summary>
    /// Whether a receipt saying the order is paid is true now: it is paid, or paid and partly refunded. One refunded
    /// whole before its receipt went out (from the provider's dashboard, say) is owed none: the buyer has the money back.
    /// Paid again when that refund fails, it is owed one again (<see cref="ReceiptWithheld"/>).
    /// </summary>
    public bool IsReceiptDue => OrderStatuses.IsPaid(Status);
}
