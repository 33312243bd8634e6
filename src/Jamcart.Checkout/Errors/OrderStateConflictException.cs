using Jamcart.Core;

namespace Jamcart.Checkout.Errors;

/// <summary>The action does not fit the order's status (canceling a paid order, refunding an unpaid one).</summary>
public sealed class OrderStateConflictException(OrderStatus status, string message) : CheckoutException(message)
{
    public OrderStatus Status => status;
}
