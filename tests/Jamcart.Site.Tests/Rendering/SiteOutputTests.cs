using System.Text.Json;

using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class SiteOutputTests
{
    [Fact]
    public async Task every_page_of_the_shop_is_built()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1", extra: "categories: [Green tea]\n").Write("pages/about.md", "---\ntitle: About us\n---\nWe grow tea.\n");

        (await store.BuildAsync()).ShouldSucceed();

        foreach (var path in new[]
        {
            "index.html", "products/tea/index.html", "categories/green-tea/index.html", "about/index.html",
            "cart/index.html", "checkout/index.html", "order/index.html", "404.html",
            "catalog.json", "sitemap.xml", "robots.txt", "_headers",
        })
        {
            store.Exists(path).ShouldBeTrue(path);
        }

        store.Html("about/index.html").QuerySelector("article p")!.TextContent.ShouldBe("We grow tea.");
        store.Html("checkout/index.html").QuerySelector("meta[name=robots]")!.GetAttribute("content").ShouldBe("noindex");
    }

    [Fact]
    public async Task categories_paginate_by_page_size()
    {
        using var store = new TestStore(TestStore.DefaultConfig + "\npageSize: 24\n");
        for (var i = 0; i < 30; i++)
        {
            store.Product($"p{i:00}", $"P-{i:00}", extra: $"categories: [Teas]\nweight: {i}\n");
        }

        (await store.BuildAsync()).ShouldSucceed();

        var first = store.Html("categories/teas/index.html");
        first.QuerySelectorAll(".grid .card").Length.ShouldBe(24);
        first.QuerySelector("a[rel=next]")!.GetAttribute("href").ShouldBe("/categories/teas/page/2/");
        var second = store.Html("categories/teas/page/2/index.html");
        second.QuerySelectorAll(".grid .card").Length.ShouldBe(6);
        second.QuerySelector("a[rel=prev]")!.GetAttribute("href").ShouldBe("/categories/teas/");
        second.QuerySelector(".grid .card-title")!.TextContent.ShouldBe("Product P-24");
        store.Exists("categories/teas/page/3/index.html").ShouldBeFalse();
    }

    [Fact]
    public async Task other_locales_are_built_under_their_prefix_with_their_strings()
    {
        using var store = new TestStore(TestStore.DefaultConfig + "\nlocales: [ko, en]\n");
        store.Product("tea", "TEA-1", stock: 0).Write("i18n/en.yml", "product.sold_out: \"All gone\"\n");

        (await store.BuildAsync()).ShouldSucceed();

        store.Html("products/tea/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldBe("품절");
        var english = store.Html("en/products/tea/index.html");
        english.DocumentElement.GetAttribute("lang").ShouldBe("en");
        english.QuerySelector(".product-price .badge")!.TextContent.ShouldBe("All gone");
        english.QuerySelector(".product-price .price")!.TextContent.ShouldBe("₩12,000");
        english.QuerySelector("link[hreflang=ko]")!.GetAttribute("href").ShouldBe("https://shop.example.com/products/tea/");
        store.Exists("en/catalog.json").ShouldBeTrue();
    }

    [Fact]
    public async Task a_store_overrides_one_template_and_keeps_the_rest()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("templates/product.liquid", "<p class=\"custom\">{{ product.title }} — {{ product.price | money }} — {{ 'product.sold_out' | t }}</p>");

        (await store.BuildAsync()).ShouldSucceed();

        store.Html("products/tea/index.html").QuerySelector("p.custom")!.TextContent.ShouldBe("Product TEA-1 — ₩12,000 — 품절");
        store.Html("products/tea/index.html").QuerySelector("header .brand")!.TextContent.ShouldBe("Test Shop");
    }

    [Fact]
    public async Task the_catalog_holds_what_the_cart_shows_in_minor_units()
    {
        using var store = new TestStore("name: S\nbaseUrl: https://s.example\ncurrency: USD\nlowStockThreshold: 3\n");
        store.Product("a", "A-1", price: "12.50", stock: 2).Product("b", "B-1", price: "3", stock: 0);

        (await store.BuildAsync()).ShouldSucceed();

        var catalog = JsonDocument.Parse(store.Output("catalog.json")).RootElement;
        catalog.GetProperty("currency").GetString().ShouldBe("USD");
        var a = catalog.GetProperty("products").GetProperty("A-1");
        a.GetProperty("price").GetInt64().ShouldBe(1250);
        a.GetProperty("priceFormatted").GetString().ShouldBe("$12.50");
        a.GetProperty("url").GetString().ShouldBe("/products/a/");
        a.GetProperty("availability").GetString().ShouldBe("low_stock");
        a.GetProperty("lowCount").GetInt32().ShouldBe(2);
        catalog.GetProperty("products").GetProperty("B-1").GetProperty("availability").GetString().ShouldBe("sold_out");
    }

    [Fact]
    public async Task the_headers_file_allows_no_inline_script_and_caches_fingerprinted_assets_forever()
    {
        using var store = new TestStore();
        store.Write("assets/images/tea.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").Product("tea", "TEA-1", extra: "images: [images/tea.svg]\n");

        (await store.BuildAsync()).ShouldSucceed();

        var headers = store.Output("_headers");
        var policy = headers.Split('\n').Single(l => l.Contains("Content-Security-Policy", StringComparison.Ordinal));
        policy.ShouldNotContain("unsafe-inline");
        policy.ShouldNotContain("unsafe-eval");
        policy.ShouldContain("script-src 'self'");
        policy.ShouldContain("'sha384-");
        policy.ShouldContain("frame-ancestors 'none'");
        var image = store.Html("products/tea/index.html").QuerySelector(".product-gallery img")!.GetAttribute("src")!;
        headers.ShouldContain($"{image}\n  Cache-Control: public, max-age=31536000, immutable");
        store.Exists("assets/images/tea.svg").ShouldBeTrue("assets are also published at their own path");
    }

    [Fact]
    public async Task sitemap_locations_are_percent_encoded_where_a_slug_is_not_ascii()
    {
        using var store = new TestStore(TestStore.DefaultConfig.Replace("https://shop.example.com", "https://SHOP.example.com/shop", StringComparison.Ordinal));
        store.Product("녹차", "TEA-1", extra: "categories: [Green & Co]\n").Product("tea-2", "TEA-2");

        (await store.BuildAsync()).ShouldSucceed();

        var sitemap = store.Output("sitemap.xml");
        sitemap.ShouldContain("<loc>https://shop.example.com/shop/products/%EB%85%B9%EC%B0%A8/</loc>");
        sitemap.ShouldContain("<loc>https://shop.example.com/shop/products/tea-2/</loc>");
        sitemap.ShouldContain("<loc>https://shop.example.com/shop/categories/green-co/</loc>");
    }

    [Fact]
    public async Task sitemap_and_robots_list_public_pages_only()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1", extra: "categories: [Green]\n").Write("pages/about.md", "---\ntitle: About\n---\nHi\n");

        (await store.BuildAsync()).ShouldSucceed();

        var sitemap = store.Output("sitemap.xml");
        sitemap.ShouldContain("<loc>https://shop.example.com/products/tea/</loc>");
        sitemap.ShouldContain("<loc>https://shop.example.com/categories/green/</loc>");
        sitemap.ShouldContain("<loc>https://shop.example.com/about/</loc>");
        sitemap.ShouldContain("<loc>https://shop.example.com/</loc>");
        sitemap.ShouldNotContain("checkout");
        sitemap.ShouldNotContain("404");
        var robots = store.Output("robots.txt");
        robots.ShouldContain("Disallow: /checkout/");
        robots.ShouldContain("Sitemap: https://shop.example.com/sitemap.xml");
    }

    [Fact]
    public async Task a_base_url_with_a_path_prefixes_every_link()
    {
        using var store = new TestStore("name: S\nbaseUrl: https://example.github.io/shop\ncurrency: USD\n");
        store.Product("tea", "TEA-1", price: "1.00");

        (await store.BuildAsync()).ShouldSucceed();

        var home = store.Html("index.html");
        home.QuerySelector(".card-link")!.GetAttribute("href").ShouldBe("/shop/products/tea/");
        home.QuerySelector("link[rel=stylesheet]")!.GetAttribute("href")!.ShouldStartWith("/shop/assets/jamcart/theme.");
        store.Output("sitemap.xml").ShouldContain("<loc>https://example.github.io/shop/products/tea/</loc>");
    }
}
