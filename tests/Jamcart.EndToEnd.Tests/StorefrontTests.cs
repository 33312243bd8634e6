using System.Text.RegularExpressions;

using Jamcart.EndToEnd.Tests.Browsing;
using Jamcart.EndToEnd.Tests.Shopping;

namespace Jamcart.EndToEnd.Tests;

/// <summary>The static pages of the Korean tea shop in a browser: Korean by default, English under <c>/en/</c>, accessible.</summary>
public sealed partial class StorefrontTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    [Fact]
    public async Task korean_home_page_shows_korean_strings_and_won_prices()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Expect(page).ToHaveTitleAsync("다원 찻집");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "추천 상품" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "장바구니" })).ToBeVisibleAsync();
        var card = page.GetByRole(AriaRole.Listitem).Filter(new() { Has = page.GetByRole(AriaRole.Heading, new() { Name = "제주 세작", Exact = true }) });
        await Expect(card.Locator(".price")).ToHaveTextAsync("₩38,000");
        await Expect(card.Locator("[data-jamcart-stock]")).ToHaveTextAsync("재고 있음");
        await Expect(page.Locator("[data-jamcart-stock=TEA-BLK-002]").First).ToHaveTextAsync("품절");
        await Expect(page.Locator("[data-jamcart-stock=TEA-GRN-002]").First).ToHaveTextAsync("2개 남음");
        (await page.Locator(".price").AllTextContentsAsync()).ShouldAllBe(price => WonAmount().IsMatch(price));
        await new Screenshots(page, "storefront-ko").TakeAsync("home");
    }

    [Fact]
    public async Task korean_product_page_shows_its_title_price_and_korean_form()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "제주 세작", Exact = true }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/products/jeju-sejak/$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "제주 세작", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".product-price .price")).ToHaveTextAsync("₩38,000");
        await Expect(page.GetByLabel("수량")).ToHaveValueAsync("1");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "장바구니에 담기" })).ToBeEnabledAsync();
        await Expect(page.GetByRole(AriaRole.Navigation, new() { Name = "breadcrumb" })).ToContainTextAsync("녹차");
        await new Screenshots(page, "storefront-ko-product").TakeAsync("product");
    }

    [Fact]
    public async Task sold_out_product_page_offers_no_purchase()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/products/jeju-hongcha/");

        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "품절" })).ToBeDisabledAsync();
        await Expect(page.GetByLabel("수량")).ToBeDisabledAsync();
    }

    [Fact]
    public async Task english_pages_use_english_strings_with_the_same_won_prices()
    {
        await using var context = await fixture.NewContextAsync("en-US");
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Regex("/en/$"));
        await Expect(page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "New-season tea from Jeju and Hadong" })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Cart" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Link, new() { Name = "Jeju Sejak Green Tea", Exact = true }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/en/products/jeju-sejak/$"));
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Jeju Sejak Green Tea", Level = 1 })).ToBeVisibleAsync();
        await Expect(page.Locator(".description")).ToContainTextAsync("volcanic soil");
        await Expect(page.Locator(".product-price .price")).ToHaveTextAsync("₩38,000");
        await Expect(page.GetByLabel("Quantity")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Add to cart" })).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "한국어" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(new Regex("/products/jeju-sejak/$"));
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "장바구니에 담기" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task the_english_cart_names_products_in_english()
    {
        await using var context = await fixture.NewContextAsync("en-US");
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.English);

        await buyer.AddToCartAsync("jeju-sejak");
        await buyer.OpenCartAsync();

        await Expect(buyer.Cart.Locator("[data-jamcart-line=TEA-GRN-001]")).ToContainTextAsync("Jeju Sejak Green Tea");
        await Expect(buyer.QuantityOf("Jeju Sejak Green Tea")).ToHaveValueAsync("1");
    }

    [Fact]
    public async Task the_site_icon_is_served_so_the_browser_asks_for_no_favicon_ico()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/en/products/jeju-sejak/");

        var href = await page.Locator("head link[rel=icon]").GetAttributeAsync("href");
        href.ShouldNotBeNull();
        var icon = await context.APIRequest.GetAsync(href);

        icon.Status.ShouldBe(200);
        icon.Headers["content-type"].ShouldStartWith("image/svg+xml");
        (await icon.TextAsync()).ShouldStartWith("<svg");
    }

    [Theory]
    [InlineData("/")]
    [InlineData("/products/jeju-sejak/")]
    [InlineData("/products/jeju-hongcha/")]
    [InlineData("/en/")]
    [InlineData("/en/products/jeju-sejak/")]
    public async Task page_has_no_serious_accessibility_violation(string path)
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);

        await Axe.AssertNoSeriousViolationsAsync(page);
    }

    [Fact]
    public async Task accessibility_check_reports_what_it_finds()
    {
        // The check above passes only if axe really runs: a page with an unlabelled field and an image without text fails it.
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        await page.EvaluateAsync("() => { document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=text><img src=/assets/images/logo.svg>'); }");

        var violations = await Axe.SeriousViolationsAsync(page);

        violations.ShouldContain(violation => violation.Contains(" label:", StringComparison.Ordinal));
        violations.ShouldContain(violation => violation.Contains(" image-alt:", StringComparison.Ordinal));
    }

    [GeneratedRegex(@"^₩\d{1,3}(,\d{3})*$")]
    private static partial Regex WonAmount();
}
