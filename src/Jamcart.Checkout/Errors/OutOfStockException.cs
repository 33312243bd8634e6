namespace Jamcart.Checkout.Errors;

/// <summary>Not enough of a SKU is available for the order; nothing was reserved.</summary>
public sealed class OutOfStockException(string sku, long requested, long available)
    : CheckoutException($"Only {available} of {sku} can be ordered now; {requested} were asked for.")
{
    public string Sku => sku;
    public long Requested => requested;
    public long Available => available;
}
