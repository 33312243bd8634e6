namespace Jamcart.Site;

/// <summary>Where a paginated listing is: <c>pagination.page</c> of <c>pagination.pages</c>, with neighbour URLs.</summary>
public sealed class PaginationView(int page, int pages, string? previousUrl, string? nextUrl, IReadOnlyList<LinkView> links)
{
    public int Page => page;
    public int Pages => pages;
    public string? PreviousUrl => previousUrl;
    public string? NextUrl => nextUrl;
    public IReadOnlyList<LinkView> Links => links;
}
