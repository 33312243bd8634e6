namespace Jamcart.Site;

/// <summary>What every page of one locale shares: its strings, URLs and the store view.</summary>
internal sealed class LocaleSite
{
    public required string Locale { get; init; }
    public required UiStrings Strings { get; init; }
    public required SiteUrls Urls { get; init; }
    public required StoreView Store { get; init; }

    /// <summary>A hash of everything shared by this locale's pages: configuration, strings and navigation.</summary>
    public required Hash128 SharedHash { get; init; }
}
