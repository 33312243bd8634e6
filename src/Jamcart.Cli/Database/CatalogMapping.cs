using Jamcart.Checkout.Catalog;
using Jamcart.Core;
using Jamcart.Site;

namespace Jamcart.Cli.Database;

/// <summary>What a store folder contributes to the store database: its settings and its catalog.</summary>
internal static class CatalogMapping
{
    public static StoreSettings Settings(StoreConfig config, StoreSource source)
    {
        var shipping = config.Shipping is { } s ? new ShippingRule(s.FlatRate, s.FreeOver, s.Countries) : null;
        var pricing = new PricingRules(config.Currency, shipping, new TaxRule(config.Tax.RatePpm, config.Tax.Inclusive));

        // An order may ask for any locale the shop has strings for, not only the ones it publishes pages in.
        var locales = config.Locales.Concat(BuiltInStrings.Locales).Concat(source.Strings.Keys)
            .Distinct(StringComparer.Ordinal).ToList();
        return new StoreSettings(config.Name, config.BaseUrl, pricing, config.Locale, locales, config.LowStockThreshold);
    }

    public static List<CatalogItem> Items(StoreSource source) =>
        source.Products
            .Select(p => new CatalogItem(p.Sku, p.Product.Title, p.Product.Price, p.Product.Draft, p.Product.InitialStock))
            .ToList();
}
