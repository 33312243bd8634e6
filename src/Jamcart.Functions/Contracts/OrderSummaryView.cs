using System.Text.Json.Serialization;

namespace Jamcart.Functions.Contracts;

/// <summary>What every view of an order starts with: its id, status and amounts (minor units).</summary>
public record OrderSummaryView
{
    // The serializer writes a derived view's own members first; these orders put the summary first, and leave -2 for a
    // member that must come right after the id (the checkout's orderToken).
    [JsonPropertyOrder(-3)]
    public required string OrderId { get; init; }

    [JsonPropertyOrder(-1)]
    public required string Status { get; init; }

    [JsonPropertyOrder(-1)]
    public required string Currency { get; init; }

    [JsonPropertyOrder(-1)]
    public required IReadOnlyList<OrderLineView> Lines { get; init; }

    [JsonPropertyOrder(-1)]
    public required long Subtotal { get; init; }

    [JsonPropertyOrder(-1)]
    public required long Shipping { get; init; }

    [JsonPropertyOrder(-1)]
    public required long Discount { get; init; }

    [JsonPropertyOrder(-1)]
    public required long Tax { get; init; }

    [JsonPropertyOrder(-1)]
    public required bool TaxInclusive { get; init; }

    [JsonPropertyOrder(-1)]
    public required long Total { get; init; }
}
