using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>A product as loaded from its file: the catalog data, its page slug and its Markdown description.</summary>
public sealed class StoreProduct(Product product, string slug, string sourcePath, int skuLine, Func<string> markdown, Hash128 sourceHash, Hash128 cardHash)
{
    // The description is needed only when the product's page is rendered, which most builds do not do.
    private readonly Lazy<string> _markdown = new(markdown, LazyThreadSafetyMode.PublicationOnly);
    private string? _html;

    public Product Product => product;
    public string Slug => slug;
    public string SourcePath => sourcePath;
    public int SkuLine => skuLine;
    public Hash128 SourceHash => sourceHash;

    /// <summary>A hash of what a product card shows (title, price, images, …), kept with the parsed file so listings are planned without rehashing.</summary>
    public Hash128 CardHash => cardHash;

    public static Hash128 CardHashOf(Product product, string slug)
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

        return hash.Value;
    }
    public string Sku => product.Sku;
    public string Markdown => _markdown.Value;

    /// <summary>The description as HTML, rendered once for all locales (it is the same text in each).</summary>
    internal string DescriptionHtml(Func<string, string> render) => _html ??= render(Markdown);
}
