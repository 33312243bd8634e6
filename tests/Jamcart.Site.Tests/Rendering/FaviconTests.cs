using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>The site's icon: the theme's SVG unless the store brings its own, linked from every page.</summary>
public sealed class FaviconTests
{
    [Theory]
    [InlineData("index.html")]
    [InlineData("products/tea/index.html")]
    [InlineData("cart/index.html")]
    [InlineData("404.html")]
    public async Task every_page_links_the_theme_icon_fingerprinted_and_cached_for_a_year(string path)
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1");

        (await store.BuildAsync()).ShouldSucceed();

        var icon = store.Html(path).Head!.QuerySelector("link[rel=icon]");
        icon.ShouldNotBeNull($"{path} links no icon, so browsers ask for /favicon.ico and get 404");
        icon.GetAttribute("type").ShouldBe("image/svg+xml");
        var href = icon.GetAttribute("href")!;
        href.ShouldMatch(@"^/assets/favicon\.[0-9a-f]{10}\.svg$");
        store.Output(href.TrimStart('/')).ShouldStartWith("<svg");
        var headers = store.Output("_headers");
        headers.ShouldContain($"{href}\n  Cache-Control: public, max-age=31536000, immutable");
        headers.Split('\n').Single(l => l.Contains("Content-Security-Policy", StringComparison.Ordinal))
            .ShouldContain("img-src 'self'", Case.Sensitive, "the icon is served from the site's own origin");
    }

    [Fact]
    public async Task a_store_icon_replaces_the_theme_one()
    {
        using var store = new TestStore();
        const string Own = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"><circle cx=\"8\" cy=\"8\" r=\"8\" fill=\"#c0392b\"/></svg>\n";
        store.Product("tea", "TEA-1").Write("assets/favicon.svg", Own);

        (await store.BuildAsync()).ShouldSucceed();

        var href = store.Html("index.html").Head!.QuerySelector("link[rel=icon]")!.GetAttribute("href")!;
        store.Output(href.TrimStart('/')).ShouldBe(Own);
    }
}
