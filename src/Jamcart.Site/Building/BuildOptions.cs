using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>What to build and how: the store folder, the output folder, a full rebuild or not, and where stock comes from.</summary>
public sealed record BuildOptions(string StoreRoot, string OutputRoot)
{
    /// <summary>Render every page again, ignoring what the previous build recorded.</summary>
    public bool Clean { get; init; }

    /// <summary>Where availability comes from; the products' front matter when null.</summary>
    public IStockSource? Stock { get; init; }

    /// <summary>
    /// Opens the store database before anything is rendered, says where availability then comes from, and copies the
    /// validated catalog to it once every page rendered; null when the store has no database.
    /// </summary>
    public ICatalogSync? CatalogSync { get; init; }

    /// <summary>
    /// When set, every output whose bytes change records the time, and <c>sitemap.xml</c> gives it as the page's
    /// <c>lastmod</c>. Without it nothing is recorded, so a build stays a pure function of its inputs.
    /// </summary>
    public TimeProvider? ChangeClock { get; init; }

    /// <summary>Told how many pages are rendered out of how many, for a progress bar.</summary>
    public IProgress<BuildProgress>? Progress { get; init; }
}

/// <summary>How far rendering has got.</summary>
public readonly record struct BuildProgress(int Done, int Total);
