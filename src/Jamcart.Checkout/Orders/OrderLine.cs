using Jamcart.Core;

namespace Jamcart.Checkout.Orders;

/// <summary>One SKU of an order, priced from the synced catalog when the order was placed.</summary>
public sealed record OrderLine(string Sku, string Title, int Quantity, Money UnitPrice)
{
    /// <exception cref="OverflowException">The line does not fit in a long of minor units.</exception>
    public Money Amount => UnitPrice.Multiply(Quantity);
}
