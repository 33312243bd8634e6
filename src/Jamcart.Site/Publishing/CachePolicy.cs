using System.Text.RegularExpressions;

namespace Jamcart.Site;

/// <summary>
/// The <c>Cache-Control</c> a published file is served with. A fingerprinted asset's name changes whenever its bytes
/// do, so it is cached for a year; everything else (pages, <c>catalog.json</c>, the sitemap, assets at their own
/// names) must be revalidated, or a buyer would see yesterday's stock.
/// </summary>
public static partial class CachePolicy
{
    public const string Immutable = "public, max-age=31536000, immutable";
    public const string Revalidate = "no-cache";

    public static string Of(string path) => IsFingerprinted(path) ? Immutable : Revalidate;

    /// <summary>Whether the path has the shape of a fingerprinted copy: <c>assets/css/site.1a2b3c4d5e.css</c>.</summary>
    public static bool IsFingerprinted(string path) => Fingerprinted().IsMatch(path);

    // The ten hex digits the build inserts before the extension (AssetCatalog.FingerprintedPath).
    [GeneratedRegex(@"^assets/(?:[^/]+/)*[^/]+\.[0-9a-f]{10}\.[A-Za-z0-9]+$", RegexOptions.CultureInvariant)]
    private static partial Regex Fingerprinted();
}
