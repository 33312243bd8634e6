using System.Text.Json;

using AngleSharp.Dom;

using Jamcart.Core;

using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>
/// What the default theme hands its script (client/): which bundle each page loads, the strings and money samples in
/// JSON data blocks, the markup the script and the browser tests find by role and data attribute, and a policy that
/// lets the payment provider's script in and nothing inline.
/// </summary>
public sealed class ShopScriptTests
{
    [Theory]
    [InlineData("index.html", new[] { "jamcart" })]
    [InlineData("products/tea/index.html", new[] { "jamcart" })]
    [InlineData("categories/green/index.html", new[] { "jamcart" })]
    [InlineData("cart/index.html", new[] { "jamcart" })]
    [InlineData("checkout/index.html", new[] { "jamcart", "checkout" })]
    [InlineData("order/index.html", new[] { "jamcart", "order" })]
    public async Task each_page_loads_the_common_bundle_and_only_its_own(string path, string[] bundles)
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1", extra: "categories: [Green]\n");

        (await store.BuildAsync()).ShouldSucceed();

        var scripts = store.Html(path).QuerySelectorAll("script[src]").Select(s => s.GetAttribute("src")!).ToList();
        scripts.Select(src => Path.GetFileName(src).Split('.')[0]).ShouldBe(bundles);
        scripts.ShouldAllBe(src => src.StartsWith("/assets/jamcart/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task every_page_carries_its_strings_money_samples_and_urls_as_json_data()
    {
        using var store = new TestStore(TestStore.DefaultConfig + "\nlocales: [ko, en]\n");
        store.Product("tea", "TEA-1");

        (await store.BuildAsync()).ShouldSucceed();

        var korean = Data(store.Html("products/tea/index.html")).Single();
        korean.GetProperty("locale").GetString().ShouldBe("ko");
        korean.GetProperty("currency").GetString().ShouldBe("KRW");
        korean.GetProperty("money").EnumerateArray().Select(s => s.GetString()).ShouldBe(["₩1", "₩123,456,789,012,345", "-₩123,456,789,012,345"]);
        korean.GetProperty("lowStock").GetInt32().ShouldBe(3);
        korean.GetProperty("checkoutUrl").GetString().ShouldBe("/checkout/");
        korean.GetProperty("orderUrl").GetString().ShouldBe("/order/");
        korean.GetProperty("strings").GetProperty("product.sold_out").GetString().ShouldBe("품절");
        korean.GetProperty("strings").GetProperty("product.only_left").GetString().ShouldBe("{0}개 남음");

        var english = Data(store.Html("en/checkout/index.html"));
        english.Count.ShouldBe(2);
        english[0].GetProperty("checkoutUrl").GetString().ShouldBe("/en/checkout/");
        english[1].GetProperty("strings").GetProperty("checkout.pay_amount").GetString().ShouldBe("Pay {0}");
        english[1].GetProperty("strings").GetProperty("order.total").GetString().ShouldBe("Total");
    }

    [Fact]
    public async Task every_string_the_script_asks_for_exists_in_english_and_korean()
    {
        using var store = new TestStore(TestStore.DefaultConfig + "\nlocales: [ko, en]\n");
        store.Product("tea", "TEA-1");

        (await store.BuildAsync()).ShouldSucceed();

        foreach (var path in new[] { "cart/index.html", "checkout/index.html", "order/index.html", "en/cart/index.html", "en/checkout/index.html", "en/order/index.html" })
        {
            foreach (var block in Data(store.Html(path)))
            {
                foreach (var text in block.GetProperty("strings").EnumerateObject())
                {
                    // The t filter answers a missing key with the key itself.
                    text.Value.GetString().ShouldNotBe(text.Name, $"{path}: {text.Name} has no text");
                }
            }
        }
    }

    [Fact]
    public async Task store_strings_cannot_break_out_of_the_data_block()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1").Write("i18n/ko.yml", "cart.added: \"</script><script>alert(1)</script>\"\n");

        (await store.BuildAsync()).ShouldSucceed();

        var page = store.Html("products/tea/index.html");
        page.QuerySelectorAll("script").Count(s => s.GetAttribute("src") is null && s.GetAttribute("type") is not ("application/json" or "application/ld+json")).ShouldBe(0);
        Data(page).Single().GetProperty("strings").GetProperty("cart.added").GetString().ShouldBe("</script><script>alert(1)</script>");
    }

    [Theory]
    [InlineData("USD", "en", "\"12.50\"")]
    [InlineData("EUR", "de", "\"12.50\"")]
    [InlineData("KWD", "en", "\"1.250\"")]
    public async Task the_money_samples_are_the_money_filters_output(string currency, string locale, string price)
    {
        using var store = new TestStore($"name: S\nbaseUrl: https://s.example\ncurrency: {currency}\nlocale: {locale}\n");
        store.Product("tea", "TEA-1", price: price.Trim('"')).Write($"i18n/{locale}.yml", "cart.title: \"Cart\"\n");

        (await store.BuildAsync()).ShouldSucceed();

        var samples = Data(store.Html("index.html")).Single().GetProperty("money").EnumerateArray().Select(s => s.GetString()).ToList();
        var expected = new long[] { 1, 123456789012345, -123456789012345 }.Select(minor => MoneyFormatter.Format(new Money(minor, Currency.Get(currency)), locale));
        samples.ShouldBe(expected);
    }

    /// <summary>client/test/money-cases.json is what client/test/money.test.js holds the script to; here it is held to the filter.</summary>
    [Fact]
    public void the_scripts_money_cases_are_the_money_filters_own_output()
    {
        var file = Path.Combine(RepositoryRoot(), "client", "test", "money-cases.json");
        using var cases = JsonDocument.Parse(File.ReadAllText(file));

        var checkedCases = 0;
        foreach (var group in cases.RootElement.EnumerateArray())
        {
            var currency = Currency.Get(group.GetProperty("currency").GetString()!);
            var locale = group.GetProperty("locale").GetString()!;
            var samples = group.GetProperty("samples").EnumerateArray().Select(s => s.GetString()).ToList();
            samples.ShouldBe(new long[] { 1, 123456789012345, -123456789012345 }.Select(minor => MoneyFormatter.Format(new Money(minor, currency), locale)));
            foreach (var pair in group.GetProperty("expected").EnumerateArray())
            {
                MoneyFormatter.Format(new Money(pair[0].GetInt64(), currency), locale).ShouldBe(pair[1].GetString(), $"{currency} {locale} {pair[0]}");
                checkedCases++;
            }
        }

        checkedCases.ShouldBeGreaterThan(100);
    }

    [Fact]
    public async Task shop_pages_have_the_markup_the_script_and_browser_tests_rely_on()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1");

        (await store.BuildAsync()).ShouldSucceed();

        var product = store.Html("products/tea/index.html");
        var drawer = product.QuerySelector("dialog[data-jamcart-drawer]")!;
        drawer.GetAttribute("aria-labelledby").ShouldBe("cart-drawer-title");
        drawer.QuerySelector("[data-jamcart-close]")!.GetAttribute("aria-label").ShouldBe("장바구니 닫기");
        drawer.QuerySelector("[data-jamcart-cart-view]").ShouldNotBeNull();
        product.QuerySelector("a[data-jamcart-cart-link] [data-jamcart-cart-count]").ShouldNotBeNull();
        product.QuerySelector("form[data-jamcart-add=TEA-1] button[data-jamcart-label]").ShouldNotBeNull();

        store.Html("cart/index.html").QuerySelector("[data-jamcart-cart] [data-jamcart-cart-view]").ShouldNotBeNull();

        var checkout = store.Html("checkout/index.html");
        var form = checkout.QuerySelector("form[data-jamcart-checkout-form]")!;
        foreach (var name in new[] { "email", "shipping.name", "shipping.line1", "shipping.line2", "shipping.city", "shipping.region", "shipping.postalCode", "shipping.country" })
        {
            var input = form.QuerySelector($"input[name='{name}']")!;
            checkout.QuerySelector($"label[for='{input.Id}']").ShouldNotBeNull(name);
        }

        form.QuerySelector("[data-jamcart-error]")!.GetAttribute("role").ShouldBe("alert");
        form.QuerySelector("[data-jamcart-status]")!.GetAttribute("role").ShouldBe("status");
        form.QuerySelector("[data-jamcart-card-error]")!.GetAttribute("role").ShouldBe("alert");
        form.QuerySelector("[data-jamcart-payment]")!.ClassList.ShouldContain("payment-field-sandbox");
        form.QuerySelector("button[type=submit][data-jamcart-pay]")!.TextContent.ShouldBe("결제 단계로 이동");
        form.QuerySelector("button[data-jamcart-edit]")!.HasAttribute("hidden").ShouldBeTrue();
        checkout.QuerySelector("[data-jamcart-summary]").ShouldNotBeNull();

        var status = store.Html("order/index.html").QuerySelector("[data-jamcart-order] [data-jamcart-order-status]")!;
        status.GetAttribute("role").ShouldBe("status");
        status.GetAttribute("data-status").ShouldBe("loading");
    }

    [Fact]
    public async Task the_sandbox_may_run_on_any_loopback_port_and_nowhere_else()
    {
        using var store = new TestStore();
        store.Product("tea", "TEA-1");

        (await store.BuildAsync()).ShouldSucceed();

        var policy = Policy(store);
        foreach (var directive in new[] { "script-src", "frame-src", "connect-src" })
        {
            var sources = policy[directive];
            sources.ShouldContain("'self'");
            sources.ShouldContain("http://127.0.0.1:*");
            sources.ShouldContain("http://localhost:*");
            sources.ShouldNotContain(source => source.Contains("stripe", StringComparison.Ordinal));
        }

        policy["script-src"].ShouldNotContain("'unsafe-inline'");
    }

    [Fact]
    public async Task a_stripe_store_allows_stripe_js_its_frames_and_its_api_only()
    {
        using var store = new TestStore(TestStore.DefaultConfig + "\npayments:\n  provider: stripe\n");
        store.Product("tea", "TEA-1");

        (await store.BuildAsync()).ShouldSucceed();

        var policy = Policy(store);
        policy["script-src"].ShouldContain("https://js.stripe.com");
        policy["frame-src"].ShouldContain("https://js.stripe.com");
        policy["frame-src"].ShouldContain("https://hooks.stripe.com");
        policy["connect-src"].ShouldBe(["'self'", "https://api.stripe.com"]);
        policy.Values.SelectMany(v => v).ShouldNotContain(source => source.StartsWith("http://", StringComparison.Ordinal));
        store.Html("checkout/index.html").QuerySelector("[data-jamcart-payment]")!.ClassList.ShouldContain("payment-field-stripe");
    }

    private static List<JsonElement> Data(IDocument page) =>
        [.. page.QuerySelectorAll("script[type='application/json'][data-jamcart-strings]").Select(s => JsonDocument.Parse(s.TextContent).RootElement)];

    private static Dictionary<string, string[]> Policy(TestStore store)
    {
        var line = store.Output("_headers").Split('\n').Single(l => l.Contains("Content-Security-Policy", StringComparison.Ordinal));
        return line[(line.IndexOf(':', StringComparison.Ordinal) + 1)..]
            .Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Select(directive => directive.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(parts => parts[0], parts => parts[1..], StringComparer.Ordinal);
    }

    private static string RepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Jamcart.slnx")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("the repository root (Jamcart.slnx) is not above " + AppContext.BaseDirectory);
    }
}
