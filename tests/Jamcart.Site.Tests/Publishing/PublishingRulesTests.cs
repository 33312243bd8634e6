using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class PublishingRulesTests
{
    [Theory]
    [InlineData("products/tea/index.html", "text/html; charset=utf-8", "no-cache")]
    [InlineData("catalog.json", "application/json", "no-cache")]
    [InlineData("sitemap.xml", "application/xml", "no-cache")]
    [InlineData("robots.txt", "text/plain; charset=utf-8", "no-cache")]
    [InlineData("_headers", "text/plain; charset=utf-8", "no-cache")]
    [InlineData("assets/jamcart/jamcart.1a2b3c4d5e.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable")]
    [InlineData("assets/images/tea.0123456789.webp", "image/webp", "public, max-age=31536000, immutable")]
    [InlineData("assets/images/tea.webp", "image/webp", "no-cache")]
    [InlineData("assets/fonts/x.woff2", "font/woff2", "no-cache")]
    [InlineData("products/tea.0123456789.html", "text/html; charset=utf-8", "no-cache")]
    [InlineData("download.bin", "application/octet-stream", "no-cache")]
    public void each_file_is_served_with_its_type_and_caching(string path, string contentType, string cacheControl)
    {
        ContentTypes.Of(path).ShouldBe(contentType);
        CachePolicy.Of(path).ShouldBe(cacheControl);
    }

    [Fact]
    public void changed_files_become_the_urls_a_cdn_caches()
    {
        CdnPaths.Of(["index.html", "products/tea/index.html", "catalog.json"], "/shop")
            .ShouldBe(["/shop/", "/shop/catalog.json", "/shop/index.html", "/shop/products/tea/", "/shop/products/tea/index.html"]);
        CdnPaths.Of(["en/index.html"]).ShouldBe(["/en/", "/en/index.html"]);
    }
}
