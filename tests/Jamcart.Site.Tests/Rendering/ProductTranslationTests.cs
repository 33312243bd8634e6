using System.Text.Json;

using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>A product's title, summary and description in each locale the store is built in, from its locale blocks.</summary>
public sealed class ProductTranslationTests
{
    internal const string TwoLocales = """
        name: Test Shop
        baseUrl: https://shop.example.com
        currency: KRW
        locale: ko
        locales: [ko, en]
        lowStockThreshold: 3
        """;

    // Line 8 is `en:`, line 9 its title.
    internal const string Sejak = """
        ---
        sku: TEA-001
        title: 제주 세작
        price: 38000
        stock: 10
        categories: [Green tea]
        summary: 맑고 고소한 세작
        en:
          title: Jeju Sejak Green Tea
          summary: A clear, nutty first-flush green tea
          description: |
            Grown on **volcanic soil**.

            - Water: 70–75 °C
        ---
        화산토에서 자란 **세작**.

        """;

    [Fact]
    public async Task an_english_page_shows_the_products_english_title_summary_and_description()
    {
        using var store = new TestStore(TwoLocales);
        store.Write("products/jeju-sejak.md", Sejak);

        (await store.BuildAsync()).ShouldSucceed();

        var english = store.Html("en/products/jeju-sejak/index.html");
        english.QuerySelector("h1")!.TextContent.ShouldBe("Jeju Sejak Green Tea");
        english.Title.ShouldStartWith("Jeju Sejak Green Tea");
        english.QuerySelector("meta[name=description]")!.GetAttribute("content").ShouldBe("A clear, nutty first-flush green tea");
        english.QuerySelector(".description strong")!.TextContent.ShouldBe("volcanic soil");
        english.QuerySelector(".description li")!.TextContent.ShouldBe("Water: 70–75 °C");
        var ld = JsonDocument.Parse(english.QuerySelector("script[type='application/ld+json']")!.TextContent).RootElement;
        ld.GetProperty("name").GetString().ShouldBe("Jeju Sejak Green Tea");
        ld.GetProperty("description").GetString().ShouldBe("A clear, nutty first-flush green tea");

        var korean = store.Html("products/jeju-sejak/index.html");
        korean.QuerySelector("h1")!.TextContent.ShouldBe("제주 세작");
        korean.QuerySelector("meta[name=description]")!.GetAttribute("content").ShouldBe("맑고 고소한 세작");
        korean.QuerySelector(".description strong")!.TextContent.ShouldBe("세작");

        store.Output("en/index.html").ShouldContain("Jeju Sejak Green Tea");
        store.Output("en/index.html").ShouldNotContain("제주 세작");
        store.Output("en/categories/green-tea/index.html").ShouldContain("A clear, nutty first-flush green tea");
        store.Output("index.html").ShouldContain("제주 세작");
        CatalogTitle(store, "en/catalog.json").ShouldBe("Jeju Sejak Green Tea");
        CatalogTitle(store, "catalog.json").ShouldBe("제주 세작");
    }

    [Fact]
    public async Task text_a_locale_block_leaves_out_is_the_main_text()
    {
        using var store = new TestStore(TwoLocales);
        store.Write("products/tea.md", "---\nsku: TEA-1\ntitle: 녹차\nprice: 1000\nsummary: 맑은 녹차\nen:\n  title: Green tea\n---\n**녹차** 이야기.\n");

        (await store.BuildAsync()).ShouldSucceed();

        var english = store.Html("en/products/tea/index.html");
        english.QuerySelector("h1")!.TextContent.ShouldBe("Green tea");
        english.QuerySelector("meta[name=description]")!.GetAttribute("content").ShouldBe("맑은 녹차");
        english.QuerySelector(".description strong")!.TextContent.ShouldBe("녹차");
    }

    [Theory]
    [InlineData("fr:\n  title: Thé vert\n", 8, "'fr' is not one of the locales this store is built in (ko, en)")]
    [InlineData("ko:\n  title: 녹차\n", 8, "'ko' is the default locale: its text is the product's own title, summary and description")]
    [InlineData("en:\n  title: Green tea\n  price: 2000\n", 10, "'price' is the same in every locale: set it once, above the locale blocks")]
    [InlineData("en:\n  titel: Green tea\n", 9, "unknown key 'titel' in the 'en' text (did you mean 'title'?)")]
    public async Task a_locale_block_problem_is_a_warning_at_its_line(string block, int line, string message)
    {
        using var store = new TestStore(TwoLocales);
        store.Write("products/tea.md", $"---\nsku: TEA-1\ntitle: 녹차\nprice: 1000\nstock: 5\nsummary: 맑은 녹차\ncategories: [Tea]\n{block}---\nBody.\n");

        var result = await store.BuildAsync();

        result.ShouldSucceed();
        var warning = result.Diagnostics.ShouldHaveSingleItem();
        warning.Severity.ShouldBe(Severity.Warning);
        warning.Path.ShouldBe("products/tea.md");
        warning.Line.ShouldBe(line);
        warning.Message.ShouldContain(message);
        store.Html("en/products/tea/index.html").QuerySelector(".product-price .price")!.TextContent.ShouldBe("₩1,000", "the main file's price, whatever a block says");
    }

    [Fact]
    public async Task a_description_that_is_not_text_is_an_error_at_its_line()
    {
        using var store = new TestStore(TwoLocales);
        store.Write("products/tea.md", "---\nsku: TEA-1\ntitle: 녹차\nprice: 1000\nen:\n  description: [a, b]\n---\nBody.\n");

        var result = await store.BuildAsync();

        result.Succeeded.ShouldBeFalse();
        result.ShouldHaveError("products/tea.md", 6, "'description' must be a single value");
    }

    private static string CatalogTitle(TestStore store, string path) =>
        JsonDocument.Parse(store.Output(path)).RootElement.GetProperty("products").GetProperty("TEA-001").GetProperty("title").GetString()!;
}
