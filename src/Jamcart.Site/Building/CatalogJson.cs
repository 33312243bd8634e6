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

    public static byte[] Write(SitePlanner planner, LocaleSite site, StoreConfig config, AssetCatalog assets, ISet<string> dependencies)
    {
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
            foreach (var product in planner.Products)
            {
                var p = product.Product;
                var availability = planner.AvailabilityOf(product);
                json.WriteStartObject(p.Sku);
                json.WriteString("sku", p.Sku);
                json.WriteString("title", p.Title);
                json.WriteString("url", site.Urls.Product(product.Slug));
                json.WriteNumber("price", p.Price.Minor);
                json.WriteString("currency", p.Price.Currency.Code);
                json.WriteString("priceFormatted", MoneyFormatter.Format(p.Price, site.Locale));
                WriteImage(json, p, assets, dependencies);
                json.WriteString("availability", availability.Code);
                if (availability.State == AvailabilityState.LowStock)
                {
                    json.WriteNumber("lowCount", availability.LowCount);
                }

                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    private static void WriteImage(Utf8JsonWriter json, Product product, AssetCatalog assets, ISet<string> dependencies)
    {
        if (product.Images.Count == 0)
        {
            json.WriteNull("image");
            return;
        }

        var image = product.Images[0];
        if (image.StartsWith("https://", StringComparison.Ordinal))
        {
            json.WriteString("image", image);
            return;
        }

        dependencies.Add(image);
        json.WriteString("image", assets.TryGet(image, out var asset) ? assets.UrlOf(asset) : null);
    }
}
