using System.Collections.Concurrent;

using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>A product as loaded from its file: the catalog data, its text in other locales, its page slug and its Markdown description.</summary>
public sealed class StoreProduct(Product product, IReadOnlyDictionary<string, ProductText> texts, string slug, string sourcePath, int skuLine, Func<ProductDescriptions> descriptions, Hash128 sourceHash, Hash128 cardHash)
{
    // The description is needed only when the product's page is rendered, which most builds do not do.
    private readonly Lazy<ProductDescriptions> _descriptions = new(descriptions, LazyThreadSafetyMode.PublicationOnly);
    private string? _html;
    private ConcurrentDictionary<string, string>? _localeHtml;

    public Product Product => product;
    public string Slug => slug;
    public string SourcePath => sourcePath;
    public int SkuLine => skuLine;
    public Hash128 SourceHash => sourceHash;

    /// <summary>The title and summary of each locale block that sets either, by locale.</summary>
    public IReadOnlyDictionary<string, ProductText> Texts => texts;

    /// <summary>A hash of what a product card shows in any locale (titles, price, images, …), kept with the parsed file so listings are planned without rehashing.</summary>
    public Hash128 CardHash => cardHash;

    public static Hash128 CardHashOf(Product product, IReadOnlyDictionary<string, ProductText> texts, string slug)
    {
        var hash = new InputHash().Add(product.Sku).Add(product.Title).Add(product.Price.Minor).Add(product.Price.Currency.Code)
            .Add(slug).Add(product.Summary).Add(product.Images.Count);
        foreach (var image in product.Images)
        {
            hash.Add(image);
        }

        hash.Add(product.Categories.Count);
        foreach (var category in product.Categories)
        {
            hash.Add(category);
        }

        hash.Add(texts.Count);
        foreach (var (locale, text) in texts.OrderBy(t => t.Key, StringComparer.Ordinal))
        {
            hash.Add(locale).Add(text.Title).Add(text.Summary);
        }

        return hash.Value;
    }

    public string Sku => product.Sku;

    /// <summary>The description in the default locale: the file's body.</summary>
    public string Markdown => _descriptions.Value.Markdown;

    /// <summary>The title in <paramref name="locale"/>: its block's, else the product's own.</summary>
    public string TitleIn(string locale) => texts.GetValueOrDefault(locale)?.Title ?? product.Title;

    /// <summary>The summary in <paramref name="locale"/>: its block's, else the product's own.</summary>
    public string? SummaryIn(string locale) => texts.GetValueOrDefault(locale)?.Summary ?? product.Summary;

    /// <summary>The Markdown description in <paramref name="locale"/>: its block's, else the file's body.</summary>
    public string MarkdownIn(string locale) => _descriptions.Value.ByLocale.GetValueOrDefault(locale) ?? Markdown;

    /// <summary>The description in <paramref name="locale"/> as HTML, rendered once for all locales that show the file's body.</summary>
    internal string DescriptionHtml(string locale, Func<string, string> render)
    {
        if (!_descriptions.Value.ByLocale.TryGetValue(locale, out var markdown))
        {
            return _html ??= render(Markdown);
        }

        var rendered = LazyInitializer.EnsureInitialized(ref _localeHtml, () => new ConcurrentDictionary<string, string>(StringComparer.Ordinal));
        return rendered.GetOrAdd(locale, _ => render(markdown));
    }
}
