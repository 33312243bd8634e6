using Jamcart.Core;

namespace Jamcart.Checkout.Catalog;

/// <summary>A product as the functions know it: what catalog sync copied from the store folder. The only source of prices.</summary>
/// <param name="InitialStock">Seeds the inventory the first time the SKU is synced; ignored afterwards, when the database owns stock.</param>
public sealed record CatalogItem(string Sku, string Title, Money Price, bool Draft, long InitialStock);
