using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

namespace Jamcart.Functions.Contracts;

/// <summary>The 201 of <c>POST /api/checkout</c>: the new order, its token (shown once) and how to pay it.</summary>
public sealed record CheckoutResponse : OrderSummaryView
{
    [SetsRequiredMembers]
    public CheckoutResponse(OrderSummaryView summary, string orderToken, DateTime reservedUntil)
        : base(summary)
    {
        OrderToken = orderToken;
        ReservedUntil = reservedUntil;
    }

    /// <summary>
    /// Opens the order later (<c>X-Order-Token</c>). The order keeps only its hash; a checkout sent with an
    /// <c>Idempotency-Key</c> keeps its whole answer, this token included, for the key's retention (24 hours), since
    /// a retry must get exactly that answer again.
    /// </summary>
    [JsonPropertyOrder(-2)]
    public string OrderToken { get; init; }

    public DateTime ReservedUntil { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PaymentView? Payment { get; init; }
}
