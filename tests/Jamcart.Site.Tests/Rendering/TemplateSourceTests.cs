using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class TemplateSourceTests
{
    [Theory]
    // The literal the filter refused, not the same filter's other calls.
    [InlineData("{{ 'a.css' | stylesheet_tag }}\n{{ 'b.css' | stylesheet_tag }}", "stylesheet_tag", "b.css", 2, 4)]
    [InlineData("{{- \"b.css\"|stylesheet_tag -}}", "stylesheet_tag", "b.css", 1, 5)]
    [InlineData("{% assign u = 'x.png' | asset_url %}", "asset_url", "x.png", 1, 15)]
    [InlineData("{% liquid\n  echo 'x.png' | asset_url\n%}", "asset_url", "x.png", 2, 8)]
    // Comments and raw text are not Liquid: a call written there never ran.
    [InlineData("{% comment %}{{ 'x.png' | asset_url }}{% endcomment %}\n{{ 'x.png' | asset_url }}", "asset_url", "x.png", 2, 4)]
    [InlineData("{%- raw -%}{{ 'x.png' | asset_url }}{%- endraw -%}\n{{ 'x.png' | asset_url }}", "asset_url", "x.png", 2, 4)]
    [InlineData("{% # {{ 'x.png' | asset_url }} %}\n{{ 'x.png' | asset_url }}", "asset_url", "x.png", 2, 4)]
    [InlineData("<p>'x.png' | asset_url</p>\n{{ 'x.png' | asset_url }}", "asset_url", "x.png", 2, 4)]
    // An input that is not a literal: the filter's first call that is not given one.
    [InlineData("{{ 'ok.png' | asset_url }}\n{{ product.image | asset_url }}", "asset_url", "gone.png", 2, 20)]
    [InlineData("{{ 'gone' | append: '.png' | asset_url }}", "asset_url", "gone.png", 1, 30)]
    [InlineData("{{ 'a }}' | upcase }}{{ x | asset_url }}", "asset_url", "gone.png", 1, 29)]
    // Other filters of the same prefix are not this one.
    [InlineData("{{ x | asset_url_plus }}\n{{ y | asset_url }}", "asset_url", "gone.png", 2, 8)]
    public void a_filter_call_is_found_where_it_is_written(string text, string filter, string input, int line, int column) =>
        TemplateSource.FilterCall(text, filter, input).ShouldBe(new TemplateSource.Position(line, column));

    [Fact]
    public void a_template_that_never_calls_the_filter_has_no_position() =>
        TemplateSource.FilterCall("{{ 'x' | upcase }}", "asset_url", "x").ShouldBeNull();

    [Theory]
    [InlineData("{% render 'a' %}\n  {%- include \"b\" -%}", "b", 2, 15)]
    [InlineData("{% comment %}{% render 'b' %}{% endcomment %}{% render 'b.liquid' %}", "b", 1, 56)]
    public void a_render_tag_is_found_at_its_name(string text, string name, int line, int column) =>
        TemplateSource.RenderTag(text, n => n == name).ShouldBe(new TemplateSource.Position(line, column));
}
