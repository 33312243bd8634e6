using System.Text.Json.Serialization;

namespace Jamcart.Functions.Contracts;

/// <summary>The 201 of <c>POST /api/checkout</c>: the new order, its token (shown once) and how to pay it.</summary>
public sealed record CheckoutResponse
{
    public required string OrderId { get; init; }

    /// <summary>Opens the order later (<c>X-Order-Token</c>); only its hash is stored.</summary>
    public required string OrderToken { get; init; }

    public required string Status { get; init; }
    public required string Currency { get; init; }
    public required IReadOnlyList<OrderLineView> Lines { get; init; }
    public required long Subtotal { get; init; }
    public required long Shipping { get; init; }
    public required long Discount { get; init; }
    public required long Tax { get; init; }
    public required bool TaxInclusive { get; init; }
    public required long Total { get; init; }
    public required DateTime ReservedUntil { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PaymentView? Payment { get; init; }
}
