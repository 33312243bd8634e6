using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization;

using Jamcart.Checkout.Orders;

namespace Jamcart.Functions.Contracts;

/// <summary>An order as the shop sees it (admin API): the full e-mail, the shipping address and the refunds; no client secret.</summary>
public sealed record AdminOrderView : OrderView
{
    [SetsRequiredMembers]
    public AdminOrderView(OrderView order, string email, ShippingAddress? shippingAddress, IReadOnlyList<RefundView>? refunds)
        : base(order)
    {
        Email = email;
        Payment = null;
        ShippingAddress = shippingAddress;
        Refunds = refunds;
    }

    // After the buyer's view, which the serializer would otherwise write after these.
    [JsonPropertyOrder(1)]
    public ShippingAddress? ShippingAddress { get; init; }

    /// <summary>Left out of order lists; <c>GET /api/admin/orders/{orderId}</c> has them.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<RefundView>? Refunds { get; init; }

    /// <summary>An extension of API.md, like <c>refunds</c> left out of order lists: the disputes of the order's payment.</summary>
    [JsonPropertyOrder(1)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<DisputeView>? Disputes { get; init; }
}
