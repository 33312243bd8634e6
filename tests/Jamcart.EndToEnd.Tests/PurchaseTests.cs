using Jamcart.EndToEnd.Tests.Browsing;
using Jamcart.EndToEnd.Tests.Shopping;

namespace Jamcart.EndToEnd.Tests;

/// <summary>Whole purchases in the tea shop, from the product page to the confirmation, paid in the sandbox.</summary>
public sealed class PurchaseTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task two_products_with_changed_quantities_are_paid_the_cart_empties_and_the_stock_shown_goes_down()
    {
        await fixture.Shop.SetStockAsync("TEA-GRN-005", 5, Cancel);
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var shots = new Screenshots(buyer.Page, "purchase");

        await buyer.Page.GotoAsync("/");
        await shots.TakeAsync("home");
        await buyer.OpenProductAsync("hyeonmi-nokcha");
        await shots.TakeAsync("product");
        await buyer.AddHereAsync();
        await buyer.AddToCartAsync("daenamu-chachik", 2);
        await shots.TakeAsync("product-added");

        await buyer.OpenCartAsync();
        // The cart limits each line to the live stock.
        await Expect(buyer.QuantityOf("현미녹차 티백")).ToHaveAttributeAsync("max", "5");
        await buyer.SetQuantityAsync("현미녹차 티백", 3);
        await buyer.SetQuantityAsync("담양 대나무 차칙", 1);
        await Expect(buyer.Line("TEA-GRN-005")).ToContainTextAsync("₩36,000");
        await Expect(buyer.Line("WARE-004")).ToContainTextAsync("₩9,000");
        await Expect(buyer.Cart.Locator(".cart-total")).ToContainTextAsync("₩45,000");
        await shots.TakeAsync("cart");

        await buyer.GoToCheckoutAsync();
        await buyer.FillDetailsAsync("two-products@example.com");
        await buyer.ContinueToPaymentAsync();
        // The server's price: the goods, plus ₩3,000 shipping under ₩50,000, tax included.
        await Expect(buyer.PayButton).ToHaveTextAsync(buyer.Strings["checkout.pay_amount", "₩48,000"]);
        await Expect(buyer.Page.Locator("[data-jamcart-summary] .totals")).ToContainTextAsync("₩3,000");
        await buyer.EnterCardAsync(Shopper.GoodCard);
        await shots.TakeAsync("checkout-card");
        await buyer.PayAsync();

        await buyer.ExpectPaidAsync();
        await Expect(buyer.Line("TEA-GRN-005")).ToContainTextAsync("₩36,000");
        await Expect(buyer.Line("WARE-004")).ToContainTextAsync("₩9,000");
        await Expect(buyer.Page.Locator("[data-jamcart-order-details] .totals")).ToContainTextAsync("₩48,000");
        await Expect(buyer.Page.Locator("[data-jamcart-cart-count]").First).ToBeEmptyAsync();
        await shots.TakeAsync("confirmation-paid");
        var orderId = buyer.OrderId();

        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBe([48_000]);
        (await fixture.Shop.OrderAsync(orderId, Cancel))["status"]!.GetValue<string>().ShouldBe("paid");

        await buyer.OpenCartAsync();
        await Expect(buyer.Cart).ToContainTextAsync(buyer.Strings["cart.empty"]);
        await buyer.OpenProductAsync("hyeonmi-nokcha");
        await Expect(buyer.Page.Locator(".product-price [data-jamcart-stock]")).ToHaveTextAsync(buyer.Strings["product.only_left", 2]);
        (await fixture.Shop.AvailableAsync("TEA-GRN-005", Cancel)).ShouldBe(2);
    }

    [Fact]
    public async Task double_click_on_pay_makes_one_order_and_one_charge()
    {
        const string email = "double-click@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.BuyUpToPaymentAsync("jeju-matcha", email);
        await buyer.EnterCardAsync(Shopper.GoodCard);

        await buyer.PayButton.DblClickAsync();

        await buyer.ExpectPaidAsync();
        var orders = await fixture.Shop.OrdersOfAsync(email, Cancel);
        orders.Count.ShouldBe(1);
        // ₩32,000 and ₩3,000 shipping.
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([35_000]);
    }

    [Fact]
    public async Task double_click_on_continue_reserves_one_order()
    {
        const string email = "double-continue@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.FillCheckoutAsync("boseong-jungjak", email);

        await buyer.ContinueButton.DblClickAsync();
        await buyer.ExpectPayButtonAsync();
        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();

        await buyer.ExpectPaidAsync();
        (await fixture.Shop.OrdersOfAsync(email, Cancel)).Count.ShouldBe(1);
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([27_000]);
    }

    [Fact]
    public async Task confirmation_page_switched_to_english_shows_the_same_paid_order()
    {
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.BuyUpToPaymentAsync("yuja-nokcha", "switch-language@example.com");
        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();
        await buyer.ExpectPaidAsync();
        var orderId = buyer.OrderId();
        await Expect(buyer.Page.Locator("[data-jamcart-line='TEA-HRB-001'] .summary-line-title")).ToHaveTextAsync("고흥 유자 녹차 티백 × 1");

        // The footer's language link, pressed right after paying: the English page must still know which order it is.
        await buyer.Page.GetByRole(AriaRole.Navigation, new() { Name = buyer.Strings["nav.language"] })
            .GetByRole(AriaRole.Link, new() { Name = "English" }).ClickAsync();

        var english = new Shopper(buyer.Page, UiStrings.English);
        await Expect(buyer.Page.Locator("html")).ToHaveAttributeAsync("lang", "en");
        await english.ExpectPaidAsync();
        english.OrderId().ShouldBe(orderId);
        await Expect(buyer.Page.Locator("[data-jamcart-order-details]")).ToContainTextAsync(orderId);
        // The order keeps the title the shop's default language gave it; the English page names the tea in English.
        await Expect(buyer.Page.Locator("[data-jamcart-line='TEA-HRB-001'] .summary-line-title")).ToHaveTextAsync("Goheung Yuja Green Tea Bags × 1");
    }

    [Fact]
    public async Task cart_on_a_phone_shows_every_amount_on_one_line()
    {
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.Page.SetViewportSizeAsync(375, 740);
        await buyer.AddToCartAsync("baekja-dagwan");
        await buyer.AddToCartAsync("jeju-sejak", 2);

        await buyer.OpenCartAsync();
        await Expect(buyer.Line("WARE-001")).ToContainTextAsync("₩85,000");
        await Expect(buyer.Line("TEA-GRN-001")).ToContainTextAsync("₩76,000");
        await new Screenshots(buyer.Page, "cart-phone").TakeAsync("cart");

        // Each amount's text, with the number of lines it is drawn on: "₩85,00" above "0" reads as another price.
        var amounts = await buyer.Cart.EvaluateAsync<string[]>("""
            cart => [...cart.querySelectorAll("[data-jamcart-line]")].flatMap(line => {
              const texts = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
              const found = [];
              for (let text = texts.nextNode(); text; text = texts.nextNode()) {
                if (!text.textContent.includes("₩")) continue;
                const range = document.createRange();
                range.selectNodeContents(text);
                const rows = new Set([...range.getClientRects()].map(rect => Math.round(rect.top)));
                found.push(text.textContent.trim() + " on " + rows.size + " line(s)");
              }
              return found;
            })
            """);
        amounts.ShouldBe(["₩85,000 on 1 line(s)", "₩85,000 on 1 line(s)", "₩38,000 on 1 line(s)", "₩76,000 on 1 line(s)"], ignoreOrder: true);
        (await buyer.Page.EvaluateAsync<int>("() => document.documentElement.scrollWidth")).ShouldBeLessThanOrEqualTo(375);
    }

    [Fact]
    public async Task order_paid_in_one_tab_is_not_offered_for_payment_again_in_another()
    {
        const string email = "two-tabs@example.com";
        await using var context = await fixture.NewContextAsync();
        var first = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await first.FillCheckoutAsync("sseunmemil-cha", email, 4);
        // The impatient buyer opens the checkout again in a second tab and gets as far as the card field there too.
        var second = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await second.Page.GotoAsync("/checkout/");
        await second.FillDetailsAsync(email);
        await second.ContinueToPaymentAsync();
        var available = await fixture.Shop.AvailableAsync("TEA-HRB-003", Cancel);

        await first.Page.BringToFrontAsync();
        await first.ContinueToPaymentAsync();
        await first.EnterCardAsync(Shopper.GoodCard);
        await first.PayAsync();
        await first.ExpectPaidAsync();

        // The payment emptied the cart: the second tab's order is released instead of waiting to be paid a second time.
        await second.Page.BringToFrontAsync();
        await Expect(second.CheckoutAlert).ToHaveTextAsync(second.Strings["checkout.error.cart_changed"]);
        await Expect(second.PayButton).ToHaveTextAsync(second.Strings["checkout.continue"]);
        await Expect(second.PayButton).ToBeDisabledAsync();
        await Expect(second.CardNumber).ToHaveCountAsync(0);
        await Expect(second.Page.Locator("[data-jamcart-summary]")).ToContainTextAsync(second.Strings["cart.empty"]);
        await fixture.Shop.WaitUntilAsync(
            async () => (await fixture.Shop.OrdersOfAsync(email, Cancel)).Any(order => order["status"]!.GetValue<string>() == "canceled"),
            "the second tab's order to be canceled", Cancel);
        (await fixture.Shop.OrdersOfAsync(email, Cancel)).Select(order => order["status"]!.GetValue<string>()).ShouldBe(["paid", "canceled"], ignoreOrder: true);
        // ₩60,000, free shipping, charged once; the second reservation's four are back on sale.
        (await fixture.Shop.ChargesAsync(first.OrderId(), Cancel)).ShouldBe([60_000]);
        (await fixture.Shop.AvailableAsync("TEA-HRB-003", Cancel)).ShouldBe(available);
    }

    [Fact]
    public async Task line_removed_in_another_tab_during_checkout_is_not_charged()
    {
        const string email = "removed-elsewhere@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.AddToCartAsync("gamguk-cha");
        await buyer.BuyUpToPaymentAsync("jeju-sejak", email);
        await Expect(buyer.PayButton).ToHaveTextAsync(buyer.Strings["checkout.pay_amount", "₩60,000"]);

        // In another tab the buyer thinks better of the chrysanthemum tea.
        var other = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await other.OpenCartAsync();
        await other.Line("TEA-HRB-002").GetByRole(AriaRole.Button, new() { Name = other.Strings["cart.remove"] }).ClickAsync();
        await Expect(other.Line("TEA-HRB-002")).ToHaveCountAsync(0);

        await buyer.Page.BringToFrontAsync();
        await Expect(buyer.CheckoutAlert).ToHaveTextAsync(buyer.Strings["checkout.error.cart_changed"]);
        await Expect(buyer.Line("TEA-HRB-002")).ToHaveCountAsync(0);
        await buyer.ContinueToPaymentAsync();
        // ₩38,000 and ₩3,000 shipping: what the cart holds now.
        await Expect(buyer.PayButton).ToHaveTextAsync(buyer.Strings["checkout.pay_amount", "₩41,000"]);
        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();

        await buyer.ExpectPaidAsync();
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([41_000]);
        (await fixture.Shop.OrdersOfAsync(email, Cancel)).Select(order => order["status"]!.GetValue<string>()).ShouldBe(["paid", "canceled"], ignoreOrder: true);
    }

    [Fact]
    public async Task keyboard_alone_buys_on_the_english_pages()
    {
        const string email = "keyboard@example.com";
        await using var context = await fixture.NewContextAsync("en-US");
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.English);
        var page = buyer.Page;
        var strings = buyer.Strings;
        await buyer.OpenProductAsync("buncheong-chatjan");

        await buyer.TabToAsync(page.GetByLabel(strings["product.quantity"], new() { Exact = true }));
        await page.Keyboard.PressAsync("ArrowUp");
        await buyer.TabToAsync(page.GetByRole(AriaRole.Button, new() { Name = strings["product.add_to_cart"] }));
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("form[data-jamcart-add] [data-jamcart-status]")).ToHaveTextAsync(strings["cart.added"]);
        var drawer = page.GetByRole(AriaRole.Dialog);
        await buyer.TabToAsync(drawer.GetByRole(AriaRole.Link, new() { Name = strings["cart.checkout"] }));
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = strings["checkout.title"], Level = 1 })).ToBeVisibleAsync();
        await Expect(buyer.Line("WARE-002")).ToContainTextAsync("× 2");
        await buyer.TabToAsync(page.GetByLabel(strings["checkout.email"], new() { Exact = true }));
        await page.Keyboard.TypeAsync(email);
        await buyer.TabToAsync(page.GetByLabel(strings["checkout.name"], new() { Exact = true }));
        await page.Keyboard.TypeAsync("Kim Minji");
        await buyer.TabToAsync(page.GetByLabel(strings["checkout.country"], new() { Exact = true }));
        await page.Keyboard.TypeAsync("KR");
        await buyer.TabToAsync(page.GetByLabel(strings["checkout.postal_code"], new() { Exact = true }));
        await page.Keyboard.TypeAsync("04524");
        await buyer.TabToAsync(page.GetByLabel(strings["checkout.city"], new() { Exact = true }));
        await page.Keyboard.TypeAsync("Seoul");
        await buyer.TabToAsync(page.GetByLabel(strings["checkout.line1"], new() { Exact = true }));
        await page.Keyboard.TypeAsync("110 Sejong-daero");
        await page.Keyboard.PressAsync("Enter");

        // ₩96,000 of cups: free shipping from ₩50,000.
        await Expect(buyer.PayButton).ToHaveTextAsync(strings["checkout.pay_amount", "₩96,000"]);
        await buyer.TabToAsync(buyer.CardNumber);
        await page.Keyboard.TypeAsync("4242424242424242");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("1234");
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync("123");
        await buyer.TabToAsync(buyer.PayButton);
        await page.Keyboard.PressAsync("Enter");

        await buyer.ExpectPaidAsync();
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([96_000]);
    }

    [Fact]
    public async Task cart_checkout_and_confirmation_pages_have_no_serious_accessibility_violation()
    {
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.AddToCartAsync("gamguk-cha");
        await Axe.AssertNoSeriousViolationsAsync(buyer.Page);

        await buyer.OpenCartAsync();
        await Expect(buyer.Line("TEA-HRB-002")).ToBeVisibleAsync();
        await Axe.AssertNoSeriousViolationsAsync(buyer.Page);

        await buyer.GoToCheckoutAsync();
        await Axe.AssertNoSeriousViolationsAsync(buyer.Page);
        await buyer.FillDetailsAsync("accessible@example.com");
        await buyer.ContinueToPaymentAsync();
        await Axe.AssertNoSeriousViolationsAsync(buyer.Page);

        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();
        await buyer.ExpectPaidAsync();
        await Axe.AssertNoSeriousViolationsAsync(buyer.Page);
    }
}
