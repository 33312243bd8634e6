using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// The catalog sync step of a build (DESIGN.md, "Catalog sync"). The store database is opened once the store folder
/// has validated, before any page is planned, and written only once every page rendered without an error: a build
/// that fails, at any step, leaves the prices the functions charge as they were.
/// </summary>
public interface ICatalogSync
{
    /// <summary>
    /// Opens the store database without changing the catalog; returns the stock source pages render from, or null
    /// for the front matter. SKUs it does not know yet render with their front-matter stock, which the sync seeds.
    /// </summary>
    Task<IStockSource?> OpenAsync(StoreSource source, CancellationToken cancellationToken);

    /// <summary>Copies settings and products to the store database opened by <see cref="OpenAsync"/>; nothing when it returned null.</summary>
    Task SyncAsync(StoreSource source, CancellationToken cancellationToken);

    /// <summary>
    /// Whether a database is named outside the store folder (an option, the environment), so that a build cannot tell
    /// from the store's files alone that its stock comes from the front matter.
    /// </summary>
    bool ConfiguredOutsideStore => false;
}
