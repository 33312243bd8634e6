using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// The catalog sync step of a build (DESIGN.md, "Catalog sync"): called once the store folder has validated, before
/// any page is planned, so the prices the functions charge change in the same step that publishes the pages.
/// </summary>
public interface ICatalogSync
{
    /// <summary>Copies settings and products to the store database; returns the stock source pages render from, or null for the front matter.</summary>
    Task<IStockSource?> SyncAsync(StoreSource source, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a database is named outside the store folder (an option, the environment), so that a build cannot tell
    /// from the store's files alone that its stock comes from the front matter.
    /// </summary>
    bool ConfiguredOutsideStore => false;
}
