using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>
/// A problem met while rendering names the template line that causes it, as a compiler would, not the page it was
/// rendering: that page only follows the message.
/// </summary>
public sealed class TemplateErrorTests
{
    [Fact]
    public async Task an_unknown_asset_in_the_layout_names_the_layout_line_and_column()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("templates/layout.liquid", """
            <!doctype html>
            <html><head><title>{{ page.title }}</title>
            {{ 'jamcart/theme.css' | stylesheet_tag }} {{ 'missing.css' | stylesheet_tag }}
            </head><body>{{ content_for_layout }}</body></html>
            """);

        var result = await store.BuildAsync();

        Errors(result).ShouldContain(
            "templates/layout.liquid:3:47: error: asset 'missing.css' does not exist: expected assets/missing.css (rendering index.html)");
        Errors(result).ShouldContain(
            "templates/layout.liquid:3:47: error: asset 'missing.css' does not exist: expected assets/missing.css (rendering products/tea/index.html)");
        result.Diagnostics.ShouldAllBe(d => d.Path == "templates/layout.liquid", "every page fails at the layout's line, and only there");
    }

    [Fact]
    public async Task an_unknown_asset_in_an_include_names_the_include()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1")
            .Write("templates/product.liquid", """
                <h1>{{ product.title }}</h1>
                {% render 'badge', product: product %}
                """)
            .Write("templates/badge.liquid", """
                <span class="badge">
                  <img src="{{ 'images/badge.svg' | asset_url }}" alt="">
                </span>
                """);

        var result = await store.BuildAsync();

        Errors(result).ShouldBe([
            "templates/badge.liquid:2:16: error: asset 'images/badge.svg' does not exist: expected assets/images/badge.svg (rendering products/tea/index.html)",
        ]);
    }

    [Fact]
    public async Task an_unknown_asset_in_the_product_template_names_it()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Product("oolong", "TEA-2").Write("templates/product.liquid", """
            <h1>{{ product.title }}</h1>
            <p>{{ product.summary }}</p>
            <img src="{{ 'images/nope.png' | asset_url }}">
            """);

        var result = await store.BuildAsync();

        Errors(result).ShouldBe([
            "templates/product.liquid:3:14: error: asset 'images/nope.png' does not exist: expected assets/images/nope.png (rendering products/oolong/index.html)",
            "templates/product.liquid:3:14: error: asset 'images/nope.png' does not exist: expected assets/images/nope.png (rendering products/tea/index.html)",
        ]);
    }

    [Fact]
    public async Task an_asset_named_by_a_variable_points_at_the_filter()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("templates/product.liquid", """
            {% assign sheet = 'gone.css' %}{{ 'jamcart/theme.css' | stylesheet_tag }}
            {{ sheet | stylesheet_tag }}
            """);

        var result = await store.BuildAsync();

        Errors(result).ShouldBe([
            "templates/product.liquid:2:12: error: asset 'gone.css' does not exist: expected assets/gone.css (rendering products/tea/index.html)",
        ]);
    }

    [Fact]
    public async Task an_unknown_sku_names_the_template_line()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("templates/home.liquid", """
            <a href="{{ 'TEA-1' | product_url }}">tea</a>
            <a href="{{ "NOPE-1" | product_url }}">nope</a>
            """);

        var result = await store.BuildAsync();

        Errors(result).ShouldBe([
            "templates/home.liquid:2:13: error: product_url: no product with SKU 'NOPE-1' (rendering index.html)",
        ]);
    }

    [Fact]
    public async Task a_partial_that_does_not_exist_names_the_render_tag()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("templates/product.liquid", """
            <h1>{{ product.title }}</h1>
            {% render 'nope' %}
            """);

        var result = await store.BuildAsync();

        Errors(result).ShouldBe([
            "templates/product.liquid:2:11: error: template 'nope' does not exist: expected templates/nope.liquid (rendering products/tea/index.html)",
        ]);
    }

    [Fact]
    public async Task a_partial_that_renders_itself_names_its_render_tag()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1")
            .Write("templates/product.liquid", "<h1>{{ product.title }}</h1>\n{% render 'loop' %}\n")
            .Write("templates/loop.liquid", "<div>\n  x{% render 'loop' %}\n</div>\n");

        var result = await store.BuildAsync();

        var error = result.ShouldHaveError("templates/loop.liquid", 2, "rendering failed: The maximum level of recursion has been reached");
        error.Column.ShouldBe(14);
        error.Message.ShouldEndWith("(rendering products/tea/index.html)");
    }

    private static List<string> Errors(BuildResult result) =>
        result.Diagnostics.Where(d => d.Severity == Severity.Error).Select(d => d.Format()).ToList();
}
