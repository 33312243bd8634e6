using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>A product as loaded from its file: the catalog data, its page slug and its Markdown description.</summary>
public sealed class StoreProduct(Product product, string slug, string sourcePath, int skuLine, Func<string> markdown, UInt128 sourceHash)
{
    // The description is needed only when the product's page is rendered, which most builds do not do.
    private readonly Lazy<string> _markdown = new(markdown, LazyThreadSafetyMode.PublicationOnly);
    private string? _html;

    public Product Product => product;
    public string Slug => slug;
    public string SourcePath => sourcePath;
    public int SkuLine => skuLine;
    public UInt128 SourceHash => sourceHash;
    public string Sku => product.Sku;
    public string Markdown => _markdown.Value;

    /// <summary>The description as HTML, rendered once for all locales (it is the same text in each).</summary>
    internal string DescriptionHtml(Func<string, string> render) => _html ??= render(Markdown);
}
