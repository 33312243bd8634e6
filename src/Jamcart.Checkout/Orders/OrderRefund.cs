using Jamcart.Core;

namespace Jamcart.Checkout.Orders;

/// <summary>A refund the provider made for an order.</summary>
public sealed record OrderRefund(string Id, Money Amount, DateTimeOffset CreatedAt);
