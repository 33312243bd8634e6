namespace Jamcart.Checkout.Catalog;

/// <summary>What a catalog sync changed: SKUs new to the database (their stock seeded), changed, and no longer in the store.</summary>
public sealed record CatalogSyncResult(IReadOnlyList<string> Added, IReadOnlyList<string> Changed, IReadOnlyList<string> Removed);
