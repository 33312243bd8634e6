namespace Jamcart.Site;

/// <summary>The page being rendered: its kind, title, canonical URL and, for plain pages, its HTML.</summary>
public sealed class PageView(string kind, string title, string url, string canonicalUrl, string? description, bool noIndex)
{
    public string Kind => kind;
    public string Title => title;
    public string Url => url;
    public string CanonicalUrl => canonicalUrl;
    public string? Description => description;
    public bool NoIndex => noIndex;
    internal string? ContentHtml { get; init; }
    public IReadOnlyList<LinkView> Alternates { get; init; } = [];
}
