using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// A validated store in memory with everything rendering needs: parsed products, templates, assets, the renderer
/// (built on first use) and the availability pages show, which is the only part that changes between renders.
/// </summary>
internal sealed class LoadedSite
{
    public LoadedSite(StoreSource source, StoreConfig config, TemplateSet templates, IStockSource stock, Dictionary<string, Availability> availability)
    {
        Source = source;
        Config = config;
        Templates = templates;
        Stock = stock;
        Availability = availability;
        Assets = new AssetCatalog(source.Assets, config.BasePath);
        // Built only when a page is rendered: most incremental builds render none.
        Renderer = new Lazy<SiteRenderer>(() => new SiteRenderer(
            templates, Assets, source.Products.ToDictionary(p => p.Sku, StringComparer.Ordinal), new JsonLd(config)));
    }

    public StoreSource Source { get; }
    public StoreConfig Config { get; }
    public TemplateSet Templates { get; }
    public AssetCatalog Assets { get; }
    public Lazy<SiteRenderer> Renderer { get; }

    /// <summary>Where availability is read: the store database, or the front matter.</summary>
    public IStockSource Stock { get; }

    /// <summary>Entries of <c>catalog.json</c> kept between renders by a warm engine; null in a one-shot build.</summary>
    public CatalogFragments? Fragments { get; set; }

    /// <summary>What each product's pages show now, by SKU.</summary>
    public Dictionary<string, Availability> Availability { get; }
}
