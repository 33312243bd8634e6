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
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: GBP\nshipping:\n  countries: [GB, UK]\n", 5, "'UK' is not an ISO 3166-1 alpha-2 country code such as KR or US (the United Kingdom's is GB)")]
    [InlineData("name: X\nbaseUrl: https://x.example\ncurrency: USD\nshipping:\n  countries:\n    - US\n    - ZZ\n", 7, "'ZZ' is not an ISO 3166-1 alpha-2 country code")]
    public async Task configuration_errors_point_at_their_line(string config, int line, string message)
    {
        using var store = new TestStore(config);

        var result = await store.BuildAsync();

        result.ShouldHaveError("jamcart.yml", line, message);
    }

    // Card payments in the three-decimal currencies end in 0 and MGA is charged in whole ariary: a price, flat rate or
    // threshold between two steps could never be paid, so the build names the figures to write instead.
    [Theory]
    [InlineData("KWD", "  flatRate: 1.500\n", "2.345", "products/tea.md:4:8: error: price '2.345': KWD amounts are charged in steps of 0.010, the smallest a card payment in KWD can move: write 2.340 or 2.350")]
    [InlineData("KWD", "  flatRate: 1.505\n", "2.340", "jamcart.yml:5:13: error: 'flatRate': KWD amounts are charged in steps of 0.010, the smallest a card payment in KWD can move: write 1.500 or 1.510")]
    [InlineData("BHD", "  flatRate: 1.500\n  freeOver: 20.001\n", "2.340", "jamcart.yml:6:13: error: 'freeOver': BHD amounts are charged in steps of 0.010, the smallest a card payment in BHD can move: write 20.000 or 20.010")]
    [InlineData("MGA", "  flatRate: 12\n", "12.5", "products/tea.md:4:8: error: price '12.5': MGA amounts are charged in steps of 1.00, the smallest a card payment in MGA can move: write 12.00 or 13.00")]
    public async Task an_amount_card_payments_cannot_be_made_of_is_an_error_at_its_line_and_column(string currency, string shipping, string price, string error)
    {
        using var store = new TestStore($"name: X\nbaseUrl: https://x.example\ncurrency: {currency}\nshipping:\n{shipping}");
        store.Write("products/tea.md", $"---\nsku: TEA-1\ntitle: Tea\nprice: {price}\n---\n");

        var result = await store.BuildAsync();

        result.Succeeded.ShouldBeFalse();
        result.Diagnostics.Select(diagnostic => diagnostic.Format()).ShouldBe([error]);
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

        result.ShouldHaveError("templates/cart.liquid", 1, "assets/images/nope.png");
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
