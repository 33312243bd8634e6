using System.Buffers;
using System.Security;
using System.Text;

namespace Jamcart.Site;

/// <summary>
/// <c>sitemap.xml</c> of every indexable page. A page's <c>lastmod</c> is when its bytes last changed as the
/// manifest recorded it, never the time of the build that writes the sitemap, so the file stays a function of what
/// the builds recorded; a page without a recorded time (a build given no change clock) has none.
/// </summary>
internal static class Sitemap
{
    // A path made of these alone is already what Uri would print, and holds nothing XML escapes: the common case of
    // ASCII slugs skips parsing 10,000 URLs (with no '.', which Uri treats in dot segments).
    private static readonly SearchValues<char> Plain = SearchValues.Create("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_~/");

    /// <param name="pages">Each page's URL path and the Unix second its bytes last changed (0 when unknown).</param>
    public static byte[] Write(string origin, IEnumerable<(string Url, long ChangedAt)> pages)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.Append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        var escapedOrigin = SecurityElement.Escape(new Uri(origin + "/").AbsoluteUri[..^1]);
        foreach (var (url, changedAt) in pages.OrderBy(p => p.Url, StringComparer.Ordinal))
        {
            xml.Append("  <url><loc>");
            if (url.AsSpan().ContainsAnyExcept(Plain))
            {
                xml.Append(SecurityElement.Escape(new Uri(origin + url).AbsoluteUri));
            }
            else
            {
                xml.Append(escapedOrigin).Append(url);
            }

            xml.Append("</loc>");
            if (changedAt > 0)
            {
                // W3C Datetime in UTC, to the second: a page may change several times a day.
                var lastmod = DateTimeOffset.FromUnixTimeSeconds(changedAt).UtcDateTime
                    .ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
                xml.Append("<lastmod>").Append(lastmod).Append("</lastmod>");
            }

            xml.Append("</url>\n");
        }

        xml.Append("</urlset>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
