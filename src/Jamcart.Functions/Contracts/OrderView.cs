using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

using Jamcart.Checkout.Payments;

namespace Jamcart.Functions.Contracts;

/// <summary>An order as its buyer sees it (<c>GET /api/orders/{orderId}</c>): the e-mail masked, no address.</summary>
public record OrderView : OrderSummaryView
{
    [SetsRequiredMembers]
    public OrderView(OrderSummaryView summary, string email, DateTime createdAt, DateTime reservedUntil)
        : base(summary)
    {
        Email = email;
        CreatedAt = createdAt;
        ReservedUntil = reservedUntil;
    }

    public string Email { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime? PaidAt { get; init; }
    public DateTime ReservedUntil { get; init; }
    public PaymentError? LastPaymentError { get; init; }
    public long RefundedAmount { get; init; }
    public string? StatusReason { get; init; }

    /// <summary>Only while the order is <c>pending_payment</c>, so a buyer who reloads can still pay.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public PaymentView? Payment { get; init; }
}
