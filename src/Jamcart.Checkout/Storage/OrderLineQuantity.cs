namespace Jamcart.Checkout.Storage;

/// <summary>A SKU and a number of its units.</summary>
public sealed record OrderLineQuantity(string Sku, int Quantity);
