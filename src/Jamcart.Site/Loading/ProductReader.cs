using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>Reads and validates one <c>products/*.md</c> file.</summary>
internal static class ProductReader
{
    public static readonly string[] Keys = ["sku", "title", "price", "stock", "categories", "images", "summary", "weight", "draft"];

    /// <param name="currency">The store's currency; null when the configuration is itself broken, so prices cannot be checked.</param>
    /// <param name="locales">The store's locales, the default first, for the locale blocks; null when the configuration is broken.</param>
    /// <param name="assetExists">Whether a path under <c>assets/</c> exists, for image references.</param>
    /// <param name="identity">The SKU and its line whenever the SKU itself is valid, even if other fields are not, so duplicates are found in the same run.</param>
    public static StoreProduct? Read(string path, string text, Hash128 hash, Currency? currency, IReadOnlyList<string>? locales, Func<string, bool> assetExists, DiagnosticBag diagnostics, out (string Sku, int Line)? identity)
    {
        identity = null;
        var split = FrontMatter.Split(text);
        if (!split.Found)
        {
            diagnostics.Error(path, 1, 1, "a product file starts with YAML front matter between '---' lines (sku, title, price, …)");
            return null;
        }

        if (split.Unclosed)
        {
            diagnostics.Error(path, 1, 1, "the front matter is not closed: add a '---' line after it");
            return null;
        }

        var mapping = YamlDocument.ParseMapping(split.Yaml, path, 1, diagnostics);
        if (mapping is null)
        {
            return null;
        }

        var fields = new YamlFields(mapping, path, 1, diagnostics);
        var texts = LocaleBlocks.Read(fields, locales, Keys, out var blocks);
        fields.WarnUnknownKeys(Keys.Concat(blocks).ToList(), "product front matter");

        var sku = fields.String("sku", required: true);
        if (sku is not null && !Sku.IsValid(sku))
        {
            var hint = Sku.IsValid(sku.ToUpperInvariant()) ? $" (did you mean '{sku.ToUpperInvariant()}'?)" : "";
            fields.Error(fields.Node("sku"), $"malformed SKU '{sku}': it must match {Sku.PatternText} (upper-case letters, digits, '-' and '_', at most 64){hint}");
            sku = null;
        }

        if (sku is not null)
        {
            identity = (sku, fields.Line(fields.Node("sku")));
        }

        var title = fields.String("title", required: true);
        var price = ReadPrice(fields, currency);
        var stock = fields.Integer("stock", 0, 1_000_000_000) ?? 0;
        var categories = fields.StringList("categories").Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        var images = ReadImages(fields, assetExists);
        var summary = fields.String("summary");
        var weight = (int)(fields.Integer("weight", -1_000_000, 1_000_000) ?? 0);
        var draft = fields.Boolean("draft") ?? false;

        foreach (var (value, node) in fields.StringList("categories"))
        {
            if (Slugs.From(value).Length == 0)
            {
                fields.Error(node, $"category '{value}' has no letters or digits to make a page address from");
            }
        }

        if (sku is null || title is null || price is null)
        {
            return null;
        }

        var product = new Product(sku, title, price.Value, stock, categories, images, draft, summary, weight);
        var slug = Slugs.From(Path.GetFileNameWithoutExtension(path));
        var descriptions = new ProductDescriptions(split.Body, LocaleBlocks.Descriptions(mapping, locales));
        return new StoreProduct(product, texts, slug, path, fields.Line(fields.Node("sku")), () => descriptions, hash, StoreProduct.CardHashOf(product, texts, slug));
    }

    private static Money? ReadPrice(YamlFields fields, Currency? currency)
    {
        var text = fields.String("price", required: true);
        if (text is null || currency is null)
        {
            return currency is null && text is not null ? Money.Zero(Currency.USD) : null;
        }

        if (MoneyParser.TryParse(text, currency, out var money, out var error))
        {
            return money;
        }

        fields.Error(fields.Node("price"), $"price '{text}': {error}");
        return null;
    }

    private static List<string> ReadImages(YamlFields fields, Func<string, bool> assetExists)
    {
        var images = new List<string>();
        foreach (var (value, node) in fields.StringList("images"))
        {
            if (value.StartsWith("https://", StringComparison.Ordinal))
            {
                if (Uri.TryCreate(value, UriKind.Absolute, out _))
                {
                    images.Add(value);
                }
                else
                {
                    fields.Error(node, $"image '{value}' is not a valid URL");
                }

                continue;
            }

            var relative = value.TrimStart('/');
            if (relative.StartsWith("assets/", StringComparison.Ordinal))
            {
                relative = relative["assets/".Length..];
            }

            if (value.StartsWith("http://", StringComparison.Ordinal))
            {
                fields.Error(node, $"image '{value}' must use https:// (pages are served over HTTPS and mixed content is blocked)");
            }
            else if (relative.Contains("..", StringComparison.Ordinal) || !assetExists(relative))
            {
                fields.Error(node, $"image '{value}' does not exist: expected the file assets/{relative}");
            }
            else
            {
                images.Add(relative);
            }
        }

        return images;
    }
}
