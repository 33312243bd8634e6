using System.Text.Json.Serialization;

using Jamcart.Checkout.Payments;

namespace Jamcart.Functions.Contracts;

/// <summary>An order as its buyer sees it (<c>GET /api/orders/{orderId}</c>): the e-mail masked, no address.</summary>
public record OrderView
{
    public required string OrderId { get; init; }
    public required string Status { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<OrderLineView> Lines { get; init; }
    public required long Subtotal { get; init; }
    public required long Shipping { get; init; }
    public required long Discount { get; init; }
    public required long Tax { get; init; }
    public required bool TaxInclusive { get; init; }
    public required long Total { get; init; }
    public required string Email { get; init; }
    public required DateTime CreatedAt { get; init; }
    public required DateTime? PaidAt { get; init; }
    public required DateTime ReservedUntil { get; init; }
    public required PaymentError? LastPaymentError { get; init; }
    public required long RefundedAmount { get; init; }
    public required string? StatusReason { get; init; }

    /// <summary>Only while the order is <c>pending_payment</c>, so a buyer who reloads can still pay.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PaymentView? Payment { get; init; }
}
