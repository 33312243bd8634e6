using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// <c>catalog.json</c>: what the cart shows for each SKU (title, URL, price in minor units, image, availability).
/// The cart keeps only SKUs and quantities and reads everything else from here; the server prices orders itself.
/// </summary>
internal static class CatalogJson
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All), Indented = false };

    /// <param name="fragments">Entries kept from earlier writes (a warm engine); null to write every entry.</param>
    public static byte[] Write(SitePlanner planner, LocaleSite site, StoreConfig config, AssetCatalog assets, ISet<string> dependencies, CatalogFragments? fragments = null)
    {
        fragments?.Begin(site.Locale);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("store", config.Name);
            json.WriteString("currency", config.Currency.Code);
            json.WriteNumber("currencyExponent", config.Currency.Exponent);
            json.WriteString("locale", site.Locale);
            json.WriteBoolean("requiresShipping", config.Shipping is not null);
            json.WriteStartObject("products");
            for (var i = 0; i < planner.Products.Count; i++)
            {
                var product = planner.Products[i];
                var image = LocalImage(product.Product);
                if (image is not null)
                {
                    dependencies.Add(image);
                }

                json.WritePropertyName(product.Sku);
                if (fragments is null)
                {
                    WriteEntry(json, planner, product, site, assets);
                    continue;
                }

                var key = new InputHash().Add(planner.Summaries[i]).Add(site.SharedHash).Add(image is null ? Hash128.Zero : assets.Fingerprint(image)).Value;
                json.WriteRawValue(fragments.GetOrWrite(site.Locale, key, () => Entry(planner, product, site, assets)), skipInputValidation: true);
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static byte[] Entry(SitePlanner planner, StoreProduct product, LocaleSite site, AssetCatalog assets)
    {
        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            WriteEntry(json, planner, product, site, assets);
        }

        return buffer.ToArray();
    }

    private static void WriteEntry(Utf8JsonWriter json, SitePlanner planner, StoreProduct product, LocaleSite site, AssetCatalog assets)
    {
        var p = product.Product;
        var availability = planner.AvailabilityOf(product);
        json.WriteStartObject();
        json.WriteString("sku", p.Sku);
        json.WriteString("title", product.TitleIn(site.Locale));
        json.WriteString("url", site.Urls.Product(product.Slug));
        json.WriteNumber("price", p.Price.Minor);
        json.WriteString("currency", p.Price.Currency.Code);
        json.WriteString("priceFormatted", MoneyFormatter.Format(p.Price, site.Locale));
        WriteImage(json, p, assets);
        json.WriteString("availability", availability.Code);
        if (availability.State == AvailabilityState.LowStock)
        {
            json.WriteNumber("lowCount", availability.LowCount);
        }

        json.WriteEndObject();
    }

    /// <summary>The product's first image when it is a store asset (a dependency of the catalog), else null.</summary>
    private static string? LocalImage(Product product) =>
        product.Images.Count > 0 && !product.Images[0].StartsWith("https://", StringComparison.Ordinal) ? product.Images[0] : null;

    private static void WriteImage(Utf8JsonWriter json, Product product, AssetCatalog assets)
    {
        if (product.Images.Count == 0)
        {
            json.WriteNull("image");
            return;
        }

        var image = product.Images[0];
        if (LocalImage(product) is null)
        {
            json.WriteString("image", image);
            return;
        }

        json.WriteString("image", assets.TryGet(image, out var asset) ? assets.UrlOf(asset) : null);
    }
}
