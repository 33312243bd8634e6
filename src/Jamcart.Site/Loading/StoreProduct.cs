using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>A product as loaded from its file: the catalog data, its page slug and its Markdown description.</summary>
public sealed record StoreProduct(Product Product, string Slug, string SourcePath, int SkuLine, string Markdown, UInt128 SourceHash)
{
    public string Sku => Product.Sku;
}
