namespace Jamcart.Core;

/// <summary>One line of a cart, priced from the catalog: never from what the browser sent (invariant I1).</summary>
public sealed record CartLine(string Sku, string Title, int Quantity, Money UnitPrice)
{
    /// <exception cref="OverflowException">The line does not fit in a long of minor units.</exception>
    public Money Amount => UnitPrice.Multiply(Quantity);
}
