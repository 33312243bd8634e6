using System.Security.Cryptography;
using System.Text.Json;

using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class ProductPageTests
{
    [Fact]
    public async Task a_product_page_shows_title_price_description_and_json_ld()
    {
        using var store = new TestStore();
        store.Write("assets/images/tea.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
            .Product("sejak", "TEA-001", price: "12000", stock: 10, extra: "categories: [녹차]\nimages: [images/tea.svg]\nsummary: 첫물차\n", body: "Steamed **sejak** leaves.");

        (await store.BuildAsync()).ShouldSucceed();

        var page = store.Html("products/sejak/index.html");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Product TEA-001");
        page.QuerySelector(".product-price .price")!.TextContent.ShouldBe("₩12,000");
        page.QuerySelector(".description strong")!.TextContent.ShouldBe("sejak");
        page.DocumentElement.GetAttribute("lang").ShouldBe("ko");
        page.QuerySelector("form[data-jamcart-add]")!.GetAttribute("data-jamcart-add").ShouldBe("TEA-001");

        var ld = JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        ld.GetProperty("@type").GetString().ShouldBe("Product");
        ld.GetProperty("sku").GetString().ShouldBe("TEA-001");
        var offer = ld.GetProperty("offers");
        offer.GetProperty("price").GetString().ShouldBe("12000");
        offer.GetProperty("priceCurrency").GetString().ShouldBe("KRW");
        offer.GetProperty("availability").GetString().ShouldBe("https://schema.org/InStock");
        offer.GetProperty("url").GetString().ShouldBe("https://shop.example.com/products/sejak/");
        var image = ld.GetProperty("image")[0].GetString()!;
        image.ShouldStartWith("https://shop.example.com/assets/images/tea.");
        store.Exists(image["https://shop.example.com/".Length..]).ShouldBeTrue();
    }

    [Theory]
    [InlineData(0, "sold_out", "품절", "https://schema.org/OutOfStock", true)]
    [InlineData(2, "low_stock", "2개 남음", "https://schema.org/InStock", false)]
    [InlineData(3, "low_stock", "3개 남음", "https://schema.org/InStock", false)]
    [InlineData(4, "in_stock", "재고 있음", "https://schema.org/InStock", false)]
    public async Task availability_follows_the_stock_and_the_low_stock_threshold(long stock, string code, string text, string schema, bool disabled)
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1", stock: stock);

        (await store.BuildAsync()).ShouldSucceed();

        var page = store.Html("products/tea/index.html");
        var badge = page.QuerySelector(".product-price .badge")!;
        badge.ClassList.ShouldContain($"badge-{code}");
        badge.TextContent.ShouldBe(text);
        page.QuerySelector(".add-to-cart button")!.HasAttribute("disabled").ShouldBe(disabled);
        JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent)
            .RootElement.GetProperty("offers").GetProperty("availability").GetString().ShouldBe(schema);
    }

    [Fact]
    public async Task store_text_is_escaped_everywhere()
    {
        using var store = new TestStore();
        store.Write("products/x.md", "---\nsku: X-1\ntitle: \"<script>alert(1)</script>\"\nprice: 1000\nsummary: \"</script><b>bold</b>\"\ncategories: [\"<i>cat</i>\"]\n---\n<script>alert(2)</script>\n\n[click](javascript:alert(3))\n");

        (await store.BuildAsync()).ShouldSucceed();

        foreach (var path in new[] { "products/x/index.html", "index.html", "categories/i-cat-i/index.html" })
        {
            var html = store.Output(path);
            html.ShouldNotContain("<script>alert");
            html.ShouldNotContain("<b>bold</b>");
            html.ShouldNotContain("<i>cat</i>");
            html.ShouldNotContain("javascript:");
        }

        var page = store.Html("products/x/index.html");
        page.QuerySelector("h1")!.TextContent.ShouldBe("<script>alert(1)</script>");
        page.QuerySelector(".description")!.TextContent.ShouldContain("<script>alert(2)</script>");
        // Data blocks (JSON-LD, the script's strings) are never executed; nothing else is inline.
        page.QuerySelectorAll("script").Count(s => s.GetAttribute("src") is null && s.GetAttribute("type") is not ("application/ld+json" or "application/json")).ShouldBe(0);
        JsonDocument.Parse(page.QuerySelector("script[type='application/ld+json']")!.TextContent)
            .RootElement.GetProperty("name").GetString().ShouldBe("<script>alert(1)</script>");
    }

    [Fact]
    public async Task raw_html_in_descriptions_is_kept_only_when_the_store_opts_in()
    {
        using var store = new TestStore(TestStore.DefaultConfig + "\nmarkdown:\n  unsafeHtml: true\n");
        store.Product("x", "X-1", body: "<span class=\"note\">hand picked</span>");

        (await store.BuildAsync()).ShouldSucceed();

        store.Html("products/x/index.html").QuerySelector(".description span.note")!.TextContent.ShouldBe("hand picked");
    }

    [Fact]
    public async Task description_headings_start_below_the_page_title()
    {
        using var store = new TestStore();
        store.Product("x", "X-1", body: "# Origin\n\nJeju.");

        (await store.BuildAsync()).ShouldSucceed();

        var page = store.Html("products/x/index.html");
        page.QuerySelectorAll("h1").Length.ShouldBe(1);
        page.QuerySelector(".description h2")!.TextContent.ShouldBe("Origin");
    }

    [Fact]
    public async Task scripts_and_styles_carry_subresource_integrity_of_their_published_bytes()
    {
        using var store = new TestStore();
        store.Product("x", "X-1");

        (await store.BuildAsync()).ShouldSucceed();

        var page = store.Html("index.html");
        var elements = page.QuerySelectorAll("script[src], link[rel=stylesheet]").ToList();
        elements.Count.ShouldBeGreaterThanOrEqualTo(2);
        foreach (var element in elements)
        {
            var url = element.GetAttribute("src") ?? element.GetAttribute("href")!;
            var bytes = File.ReadAllBytes(Path.Combine(store.OutputRoot, url.TrimStart('/')));
            element.GetAttribute("integrity").ShouldBe("sha384-" + Convert.ToBase64String(SHA384.HashData(bytes)));
            element.GetAttribute("crossorigin").ShouldBe("anonymous");
        }
    }
}
