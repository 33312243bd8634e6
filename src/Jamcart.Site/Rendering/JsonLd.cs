using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Unicode;

namespace Jamcart.Site;

/// <summary>schema.org Product data with its Offer (price, currency, availability), for search engines.</summary>
internal sealed class JsonLd(StoreConfig config)
{
    // The default encoder escapes <, >, & and quotes, so the JSON can never close its <script> element.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };
    private readonly string _origin = config.BaseUrl.GetLeftPart(UriPartial.Authority);

    public string Product(ProductView product, RenderState state)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            json.WriteStartObject();
            json.WriteString("@context", "https://schema.org");
            json.WriteString("@type", "Product");
            json.WriteString("sku", product.Sku);
            json.WriteString("name", product.Title);
            if (product.Summary is { } summary)
            {
                json.WriteString("description", summary);
            }

            json.WriteStartArray("image");
            foreach (var image in product.Images)
            {
                json.WriteStringValue(AbsoluteImage(image, state));
            }

            json.WriteEndArray();
            json.WriteStartObject("offers");
            json.WriteString("@type", "Offer");
            json.WriteString("url", _origin + product.Url);
            json.WriteString("price", Core.MoneyFormatter.FormatPlain(product.Price));
            json.WriteString("priceCurrency", product.Currency);
            json.WriteString("availability", product.AvailabilityValue.SchemaOrgUrl);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        return $"<script type=\"application/ld+json\">{Encoding.UTF8.GetString(buffer.ToArray())}</script>";
    }

    private string AbsoluteImage(string image, RenderState state)
    {
        if (image.StartsWith("https://", StringComparison.Ordinal))
        {
            return image;
        }

        state.AssetDependencies.Add(image);
        return state.Assets.TryGet(image, out var asset) ? _origin + state.Assets.UrlOf(asset) : "";
    }
}
