using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class ValidationTests
{
    [Theory]
    [InlineData("---\nsku: TEA-1\ntitle: [unclosed\nprice: 1000\n---\n", 3, "YAML syntax error")]
    [InlineData("---\ntitle: Tea\nprice: 1000\n---\n", 2, "'sku' is required")]
    [InlineData("---\nsku: tea 1\ntitle: Tea\nprice: 1000\n---\n", 2, "malformed SKU 'tea 1'")]
    [InlineData("---\nsku: TEA-1\ntitle: Tea\nprice: 12.50\n---\n", 4, "KRW")]
    [InlineData("---\nsku: TEA-1\ntitle: Tea\nprice: -100\n---\n", 4, "negative")]
    [InlineData("---\nsku: TEA-1\ntitle: Tea\nprice: 1000\nstock: -3\n---\n", 5, "cannot be negative")]
    [InlineData("---\nsku: TEA-1\ntitle: Tea\nprice: 1000\nstock: many\n---\n", 5, "whole number")]
    [InlineData("---\nsku: TEA-1\nprice: 1000\n---\n", 2, "'title' is required")]
    [InlineData("---\nsku: TEA-1\ntitle: Tea\nprice: 1000\nimages: [images/missing.webp]\n---\n", 5, "assets/images/missing.webp")]
    [InlineData("---\nsku: TEA-1\ntitle: Tea\nprice: 1000\ndraft: maybe\n---\n", 5, "true or false")]
    [InlineData("---\nsku: TEA-1\ntitle: Tea\nprice: 1000\n", 1, "not closed")]
    [InlineData("just text, no front matter\n", 1, "front matter")]
    public async Task product_errors_point_at_their_line(string content, int line, string message)
    {
        using var store = new TestStore();
        store.Write("products/tea.md", content);

        var result = await store.BuildAsync();

        result.Succeeded.ShouldBeFalse();
        result.ShouldHaveError("products/tea.md", line, message);
    }

    [Fact]
    public async Task a_sku_used_twice_names_both_files()
    {
        using var store = new TestStore();
        store.Product("a", "TEA-1").Product("b", "TEA-1");

        var result = await store.BuildAsync();

        result.ShouldHaveError("products/a.md", 2, "products/b.md:2");
        result.ShouldHaveError("products/b.md", 2, "products/a.md:2");
    }

    [Fact]
    public async Task every_error_of_every_file_is_reported_in_one_run()
    {
        using var store = new TestStore();
        store.Write("products/a.md", "---\nsku: bad sku\ntitle: A\nprice: 1000\n---\n")
            .Write("products/b.md", "---\nsku: B-1\ntitle: B\nprice: 10.5\nstock: -1\n---\n")
            .Write("templates/product.liquid", "{% if product %}\nunclosed\n")
            .Write("pages/about.md", "---\ntitle: [\n---\n");

        var result = await store.BuildAsync();

        var errors = result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Path).ToList();
        errors.ShouldContain("products/a.md");
        errors.Count(p => p == "products/b.md").ShouldBe(2);
        errors.ShouldContain("templates/product.liquid");
        errors.ShouldContain("pages/about.md");
        Directory.Exists(store.OutputRoot).ShouldBeFalse("a store with errors must not publish anything");
    }

    [Fact]
    public async Task an_unknown_key_is_a_warning_with_a_suggestion()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1", extra: "categores: [Green]\n");

        var result = await store.BuildAsync();

        result.ShouldSucceed();
        var warning = result.Diagnostics.ShouldHaveSingleItem();
        warning.Severity.ShouldBe(Severity.Warning);
        warning.Line.ShouldBe(6);
        warning.Message.ShouldContain("did you mean 'categories'?");
    }

    [Fact]
    public async Task a_template_that_does_not_parse_is_reported_at_its_line()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("templates/home.liquid", "<h1>ok</h1>\n<p>\n{% for x in %}\n");

        var result = await store.BuildAsync();

        var error = result.Diagnostics.ShouldHaveSingleItem();
        error.Path.ShouldBe("templates/home.liquid");
        error.Line.ShouldBe(3);
    }

    [Theory]
    [InlineData("baseUrl: https://x.example\ncurrency: KRW\n", 1, "'name' is required")]
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: KRWN\n", 3, "did you mean 'KRW'?")]
    [InlineData("name: X\nbaseUrl: not a url\ncurrency: KRW\n", 2, "absolute http(s) URL")]
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: KRW\nlocale: fr\n", 4, "no UI strings for locale 'fr'")]
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: USD\nshipping:\n  flatRate: 5.001\n", 5, "flatRate")]
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: USD\ntax:\n  rate: 8.12345\n", 5, "at most 4 decimals")]
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: USD\npayments:\n  provider: strip\n", 5, "did you mean 'stripe'?")]
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: KRW\nlocale: ko\nlocales: [en, ko]\n", 5, "must equal 'locale'")]
    [InlineData("name: X\n  baseUrl: y\n", 2, "YAML syntax error")]
    public async Task configuration_errors_point_at_their_line(string config, int line, string message)
    {
        using var store = new TestStore(config);

        var result = await store.BuildAsync();

        result.ShouldHaveError("jamcart.yml", line, message);
    }

    [Fact]
    public async Task a_missing_configuration_says_what_to_do()
    {
        using var store = new TestStore();
        store.Delete("jamcart.yml");

        var result = await store.BuildAsync();

        result.ShouldHaveError("jamcart.yml", 1, "jamcart new");
    }

    [Fact]
    public async Task a_template_referencing_a_missing_asset_fails_the_build()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("templates/cart.liquid", "<img src=\"{{ 'images/nope.png' | asset_url }}\">");

        var result = await store.BuildAsync();

        result.ShouldHaveError("cart/index.html", 1, "assets/images/nope.png");
    }

    [Fact]
    public async Task drafts_are_validated_but_not_published()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Product("secret", "TEA-2", extra: "draft: true\n");

        var result = await store.BuildAsync();

        result.ShouldSucceed();
        store.Exists("products/tea/index.html").ShouldBeTrue();
        store.Exists("products/secret/index.html").ShouldBeFalse();
        store.Output("catalog.json").ShouldNotContain("TEA-2");
    }
}
