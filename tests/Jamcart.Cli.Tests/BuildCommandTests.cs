using System.Text.RegularExpressions;

using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed partial class BuildCommandTests
{
    [Fact]
    public async Task the_sample_store_builds_with_exit_code_0()
    {
        using var temp = new TempFolder();
        var store = Path.Combine(CliProcess.RepositoryRoot, "samples", "tea-shop");

        var (exit, output, error) = await CliProcess.RunAsync("build", store, "-o", temp["site"]);

        exit.ShouldBe(0, error);
        error.ShouldBeEmpty();
        output.ShouldContain("rendered");
        File.Exists(temp["site/index.html"]).ShouldBeTrue();
        File.Exists(temp["site/en/index.html"]).ShouldBeTrue("the sample is built in English too");
        Directory.GetDirectories(temp["site/products"]).Length.ShouldBeGreaterThanOrEqualTo(12);
    }

    [Fact]
    public async Task the_samples_english_pages_show_every_product_in_english_with_the_theme_icon()
    {
        using var temp = new TempFolder();
        var store = Path.Combine(CliProcess.RepositoryRoot, "samples", "tea-shop");

        var (exit, _, error) = await CliProcess.RunAsync("build", store, "-o", temp["site"], "--no-server");

        exit.ShouldBe(0, error);
        var products = Directory.GetDirectories(temp["site/products"]).Select(Path.GetFileName).ToList();
        products.Count.ShouldBe(16, "the sample has 17 products, one of them a draft");
        foreach (var product in products)
        {
            var english = File.ReadAllText(temp[$"site/en/products/{product}/index.html"]);
            var heading = Heading().Match(english).Groups[1].Value;
            heading.ShouldNotBeEmpty(product);
            heading.ShouldNotMatch(@"\p{IsHangulSyllables}", $"{product}'s English page is titled '{heading}'");
            Description().Match(english).Groups[1].Value.ShouldNotMatch(@"\p{IsHangulSyllables}", $"{product}'s English description is Korean");
            english.ShouldMatch(@"<link rel=""icon"" type=""image/svg\+xml"" href=""/assets/favicon\.[0-9a-f]{10}\.svg"">");
        }

        Heading().Match(File.ReadAllText(temp["site/en/products/jeju-sejak/index.html"])).Groups[1].Value.ShouldBe("Jeju Sejak Green Tea");
        Heading().Match(File.ReadAllText(temp["site/products/jeju-sejak/index.html"])).Groups[1].Value.ShouldBe("제주 세작");
    }

    [Fact]
    public async Task a_broken_store_exits_1_with_every_error_as_path_line_column()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["shop/products"]);
        File.WriteAllText(temp["shop/jamcart.yml"], "name: Broken\nbaseUrl: https://x.example\ncurrency: USD\n");
        File.WriteAllText(temp["shop/products/a.md"], "---\nsku: A-1\ntitle: A\nprice: 1.234\n---\n");
        File.WriteAllText(temp["shop/products/b.md"], "---\nsku: A-1\ntitle: B\nprice: 2\nstock: -1\n---\n");

        var (exit, output, error) = await CliProcess.RunAsync("build", temp["shop"], "-o", temp["site"]);

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines.ShouldContain(l => l.Contains("products/a.md:4:8: error: price '1.234'", StringComparison.Ordinal) && l.Contains("USD", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("products/b.md:5:8: error: 'stock' cannot be negative", StringComparison.Ordinal));
        lines.ShouldContain(l => l.Contains("products/b.md:2:1: error: SKU 'A-1' is used twice", StringComparison.Ordinal));
        lines.Last().ShouldStartWith("build failed: 4 errors");
        error.ShouldNotContain("   at ", Case.Sensitive, "never a stack trace");
        Directory.Exists(temp["site"]).ShouldBeFalse();
    }

    [Fact]
    public async Task a_template_that_fails_to_render_is_reported_at_its_own_line()
    {
        using var temp = new TempFolder();
        Directory.CreateDirectory(temp["shop/products"]);
        Directory.CreateDirectory(temp["shop/templates"]);
        File.WriteAllText(temp["shop/jamcart.yml"], "name: Broken\nbaseUrl: https://x.example\ncurrency: USD\n");
        File.WriteAllText(temp["shop/products/a.md"], "---\nsku: A-1\ntitle: A\nprice: 2\n---\n");
        File.WriteAllText(temp["shop/templates/product.liquid"], "<h1>{{ product.title }}</h1>\n{% render 'gallery', product: product %}\n");
        File.WriteAllText(temp["shop/templates/gallery.liquid"], "<div>\n  <img src=\"{{ 'images/none.webp' | asset_url }}\" alt=\"\">\n</div>\n");

        var (exit, output, error) = await CliProcess.RunAsync("build", temp["shop"], "-o", temp["site"]);

        exit.ShouldBe(1);
        output.ShouldBeEmpty();
        var lines = error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        // Paths print relative to where the command runs, which the child process shares with this test.
        var store = Path.GetRelativePath(Environment.CurrentDirectory, temp["shop"]);
        lines.ShouldBe([
            $"{store}/templates/gallery.liquid:2:16: error: asset 'images/none.webp' does not exist: expected assets/images/none.webp (rendering products/a/index.html)",
            "build failed: 1 error",
        ]);
    }

    [Theory]
    [InlineData("build", "--no-such-option")]
    [InlineData("frobnicate")]
    [InlineData("new")]
    public async Task a_wrong_command_line_exits_2(params string[] arguments)
    {
        var (exit, _, error) = await CliProcess.RunAsync(arguments);

        exit.ShouldBe(2);
        error.ShouldContain("jamcart --help");
    }

    [Theory]
    [InlineData("KRW", "ko", "₩12,000")]
    [InlineData("USD", "en", "$12.00")]
    [InlineData("KWD", "en", "KWD 12.000")]
    public async Task a_new_store_builds_as_it_is(string currency, string locale, string price)
    {
        using var temp = new TempFolder();

        var created = await CliProcess.RunAsync("new", temp["shop"], "--currency", currency, "--locale", locale);
        var built = await CliProcess.RunAsync("build", temp["shop"], "--quiet");

        created.ExitCode.ShouldBe(0, created.Error);
        built.ExitCode.ShouldBe(0, built.Error);
        built.Out.ShouldBeEmpty("--quiet prints only problems");
        var page = File.ReadAllText(temp["shop/public/products/first-product/index.html"]);
        page.ShouldContain(price);
        var icon = IconLink().Match(page);
        icon.Success.ShouldBeTrue("a new store links the theme's icon");
        File.ReadAllText(temp["shop/public" + icon.Groups[1].Value]).ShouldStartWith("<svg");
    }

    [Fact]
    public async Task generate_writes_a_synthetic_store_that_builds_and_explains_itself()
    {
        using var temp = new TempFolder();

        var help = await CliProcess.RunAsync("generate", "--help");
        var generated = await CliProcess.RunAsync("generate", temp["big"], "--products", "12");
        var built = await CliProcess.RunAsync("build", temp["big"], "--quiet");
        var again = await CliProcess.RunAsync("generate", temp["big"]);

        help.ExitCode.ShouldBe(0);
        help.Out.ShouldContain("--products");
        generated.ExitCode.ShouldBe(0, generated.Error);
        Directory.GetFiles(temp["big/products"], "*.md", SearchOption.AllDirectories).Length.ShouldBe(12);
        built.ExitCode.ShouldBe(0, built.Error);
        again.ExitCode.ShouldBe(2, "a folder in use is refused");
    }

    [Fact]
    public async Task new_refuses_an_unknown_currency_and_a_folder_in_use()
    {
        using var temp = new TempFolder();
        File.WriteAllText(temp["keep.txt"], "mine");

        var currency = await CliProcess.RunAsync("new", temp["shop"], "--currency", "XYZ");
        var used = await CliProcess.RunAsync("new", temp.Path);

        currency.ExitCode.ShouldBe(2);
        currency.Error.ShouldContain("'XYZ' is not an ISO 4217 currency code");
        used.ExitCode.ShouldBe(2);
        File.ReadAllText(temp["keep.txt"]).ShouldBe("mine");
    }

    [GeneratedRegex(@"<h1[^>]*>([^<]*)</h1>")]
    private static partial Regex Heading();

    [GeneratedRegex(@"<section class=""description""[^>]*>(.*?)</section>", RegexOptions.Singleline)]
    private static partial Regex Description();

    [GeneratedRegex(@"<link rel=""icon"" type=""image/svg\+xml"" href=""(/assets/favicon\.[0-9a-f]{10}\.svg)"">")]
    private static partial Regex IconLink();
}
