namespace Jamcart.Checkout.Errors;

/// <summary>A SKU that is not in the synced catalog, or is a draft.</summary>
public sealed class UnknownSkuException(string sku)
    : CheckoutException($"There is no product with SKU '{sku}' for sale.")
{
    public string Sku => sku;
}
