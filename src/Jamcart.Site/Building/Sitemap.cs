using System.Security;
using System.Text;

namespace Jamcart.Site;

/// <summary>
/// <c>sitemap.xml</c> of every indexable page. No <c>lastmod</c>: a clean build could not know it, and an
/// incremental build must produce the same bytes as a clean one.
/// </summary>
internal static class Sitemap
{
    public static byte[] Write(string origin, IEnumerable<string> urls)
    {
        var xml = new StringBuilder();
        xml.Append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        xml.Append("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
        foreach (var url in urls.Order(StringComparer.Ordinal))
        {
            var absolute = new Uri(origin + url).AbsoluteUri;
            xml.Append("  <url><loc>").Append(SecurityElement.Escape(absolute)).Append("</loc></url>\n");
        }

        xml.Append("</urlset>\n");
        return Encoding.UTF8.GetBytes(xml.ToString());
    }
}
