namespace Jamcart.Site;

/// <summary>One page of a category listing, as templates read it.</summary>
public sealed class CategoryView(string name, string slug, string url, IReadOnlyList<ProductView> products, PaginationView pagination, int total)
{
    public string Name => name;
    public string Title => name;
    public string Slug => slug;
    public string Url => url;
    public IReadOnlyList<ProductView> Products => products;
    public PaginationView Pagination => pagination;
    public int Total => total;
}
