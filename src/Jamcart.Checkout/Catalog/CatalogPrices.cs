namespace Jamcart.Checkout.Catalog;

/// <summary>What a checkout prices from, read together: the synced settings (null before the first sync) and the sellable products among the SKUs asked for.</summary>
public sealed record CatalogPrices(StoreSettings? Settings, IReadOnlyDictionary<string, CatalogItem> Sellable);
