using System.Text;

namespace Jamcart.Site;

/// <summary><c>robots.txt</c>: everything may be crawled but the cart, checkout and order pages.</summary>
internal static class RobotsTxt
{
    public static byte[] Write(string sitemapUrl, IEnumerable<string> privateUrls)
    {
        var text = new StringBuilder("User-agent: *\n");
        foreach (var url in privateUrls)
        {
            text.Append("Disallow: ").Append(url).Append('\n');
        }

        text.Append("\nSitemap: ").Append(sitemapUrl).Append('\n');
        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
