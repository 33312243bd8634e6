namespace Jamcart.Site;

/// <summary>
/// The address of every page in one locale. The default locale lives at the site root, others under
/// <c>/&lt;locale&gt;/</c>; every URL carries the base URL's path so a shop can live in a sub-folder.
/// </summary>
internal sealed class SiteUrls(string basePath, string localePrefix)
{
    private readonly string _root = basePath + localePrefix;

    public string Home => _root + "/";
    public string Cart => _root + "/cart/";
    public string Checkout => _root + "/checkout/";
    public string Order => _root + "/order/";
    public string Catalog => _root + "/catalog.json";
    public string Product(string slug) => $"{_root}/products/{slug}/";
    public string Category(string slug, int page = 1) => page <= 1 ? $"{_root}/categories/{slug}/" : $"{_root}/categories/{slug}/page/{page}/";
    public string Page(string slug) => $"{_root}/{slug}/";

    /// <summary>The published file behind a page URL, relative to the output folder (<c>products/x/index.html</c>).</summary>
    public string FileOf(string url)
    {
        var path = url[basePath.Length..].TrimStart('/');
        return path.Length == 0 || path.EndsWith('/') ? path + "index.html" : path;
    }
}
