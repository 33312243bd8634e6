using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Jamcart.EndToEnd.Tests.Browsing;
using Jamcart.EndToEnd.Tests.Shopping;

namespace Jamcart.EndToEnd.Tests;

/// <summary>What the browser holds cannot be trusted: stock runs out behind the buyer's back, prices are edited.</summary>
public sealed class StockAndPriceTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task item_selling_out_while_in_the_cart_is_named_and_nothing_is_charged()
    {
        const string email = "sold-out@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var shots = new Screenshots(buyer.Page, "sold-out-in-cart");
        await buyer.AddToCartAsync("baekja-dagwan");
        await buyer.FillCheckoutAsync("jeju-sejak", email);

        // Someone else buys the last teapot while this buyer types the address.
        await fixture.Shop.SetStockAsync("WARE-001", 0, Cancel);
        await buyer.ContinueButton.ClickAsync();

        await Expect(buyer.CheckoutAlert).ToHaveTextAsync(buyer.Strings["checkout.error.stock", buyer.Strings["product.sold_out"]]);
        await Expect(buyer.Line("WARE-001")).ToContainTextAsync(buyer.Strings["product.sold_out"]);
        await Expect(buyer.CardNumber).ToHaveCountAsync(0);
        await shots.TakeAsync("sold-out");
        (await fixture.Shop.OrdersOfAsync(email, Cancel)).ShouldBeEmpty();

        // The buyer takes the teapot out and buys the rest.
        await buyer.Line("WARE-001").GetByRole(AriaRole.Button, new() { Name = buyer.Strings["cart.remove"] }).ClickAsync();
        await Expect(buyer.Line("WARE-001")).ToHaveCountAsync(0);
        await buyer.ContinueButton.ClickAsync();
        await Expect(buyer.PayButton).ToHaveTextAsync(buyer.Strings["checkout.pay_amount", "₩41,000"]);
        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();
        await buyer.ExpectPaidAsync();
        var order = (await fixture.Shop.OrdersOfAsync(email, Cancel)).ShouldHaveSingleItem();
        order["lines"]!.AsArray().Select(line => line!["sku"]!.GetValue<string>()).ShouldBe(["TEA-GRN-001"]);
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([41_000]);
        (await fixture.Shop.AvailableAsync("WARE-001", Cancel)).ShouldBe(0);
    }

    [Fact]
    public async Task quantity_being_typed_keeps_its_focus_caret_and_digits_while_stock_answers_and_another_tab_adds()
    {
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var buyer = new Shopper(page, UiStrings.Korean);
        await buyer.AddToCartAsync("boseong-jungjak", 3);
        await fixture.Shop.SetStockAsync("TEA-GRN-003", 2, Cancel);
        // Live stock answers only when the test lets it, so that it arrives in the middle of the typing.
        var asked = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var answer = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        await page.RouteAsync(new Regex("/api/stock\\?"), async route =>
        {
            asked.TrySetResult();
            await answer.Task;
            await route.ContinueAsync();
        });

        await buyer.OpenCartAsync();
        var field = buyer.QuantityOf("보성 중작");
        await Expect(field).ToHaveValueAsync("3");
        await asked.Task.WaitAsync(TimeSpan.FromSeconds(15), Cancel);
        var drawn = await field.ElementHandleAsync();
        await field.ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.TypeAsync("0");
        await page.Keyboard.PressAsync("ArrowLeft");
        answer.SetResult();

        // The line learns the limit (2 left, fewer than the 3 in the cart) while the buyer is still in the field.
        await Expect(buyer.Line("TEA-GRN-003")).ToContainTextAsync(buyer.Strings["cart.only_left", 2]);
        await Expect(field).ToHaveAttributeAsync("max", "2");
        await Expect(field).ToHaveAttributeAsync("aria-invalid", "true");
        await page.Keyboard.TypeAsync("2");
        await Expect(field).ToHaveValueAsync("320");
        (await drawn.EvaluateAsync<bool>("e => e.isConnected && e === document.activeElement")).ShouldBeTrue();

        // Another tab adds a product: the cart page draws its line, and the field being typed in stays as it is.
        var other = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await other.AddToCartAsync("yuri-sugu");
        await Expect(buyer.Line("WARE-003")).ToBeVisibleAsync();
        await Expect(field).ToHaveValueAsync("320");
        (await drawn.EvaluateAsync<bool>("e => e.isConnected && e === document.activeElement")).ShouldBeTrue();

        // Leaving the field puts what was typed in the cart, within the stock.
        await page.BringToFrontAsync();
        await page.Keyboard.PressAsync("Tab");
        await Expect(field).ToHaveValueAsync("2");
        await Expect(buyer.Line("TEA-GRN-003")).Not.ToContainTextAsync(buyer.Strings["cart.only_left", 2]);
        await Expect(buyer.Cart.Locator(".cart-total")).ToContainTextAsync("₩80,000");
        (await page.EvaluateAsync<string>("() => localStorage.getItem('jamcart.cart')")).ShouldBe("""{"TEA-GRN-003":2,"WARE-003":1}""");
    }

    [Fact]
    public async Task quantity_typed_outside_the_stock_is_refused_in_the_pages_language_and_nothing_is_added()
    {
        await fixture.Shop.SetStockAsync("TEA-GRN-004", 3, Cancel);
        // An English browser on the Korean pages: the browser's own validation bubble would speak English.
        await using var context = await fixture.NewContextAsync("en-US");
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var page = buyer.Page;
        await buyer.OpenProductAsync("jeju-matcha");
        var quantity = page.GetByLabel(buyer.Strings["product.quantity"], new() { Exact = true });
        var add = page.GetByRole(AriaRole.Button, new() { Name = buyer.Strings["product.add_to_cart"] });
        var status = page.Locator("form[data-jamcart-add] [data-jamcart-status]");

        foreach (var typed in new[] { "0", "-2", "5", "1.5" })
        {
            await quantity.FillAsync(typed);
            await add.ClickAsync();
            await Expect(status).ToHaveTextAsync(buyer.Strings["product.quantity_range", 3]);
            await Expect(quantity).ToHaveAttributeAsync("aria-invalid", "true");
            await Expect(quantity).ToBeFocusedAsync();
            (await page.EvaluateAsync<string?>("() => localStorage.getItem('jamcart.cart')")).ShouldBeNull(typed);
        }

        await quantity.FillAsync("3");
        await add.ClickAsync();
        await Expect(status).ToHaveTextAsync(buyer.Strings["cart.added"]);
        await Expect(quantity).Not.ToHaveAttributeAsync("aria-invalid", "true");
        (await page.EvaluateAsync<string>("() => localStorage.getItem('jamcart.cart')")).ShouldBe("""{"TEA-GRN-004":3}""");
    }

    [Fact]
    public async Task prices_edited_in_local_storage_and_in_the_request_are_not_what_is_charged()
    {
        const string email = "tampered@example.com";
        await using var context = await fixture.NewContextAsync();
        var page = await context.NewPageAsync();
        var buyer = new Shopper(page, UiStrings.Korean);
        await buyer.AddToCartAsync("dawon-gift-set");

        // localStorage: the cart gets made-up price members beside the quantity, and the catalog the cart displays
        // from is served with a price of ₩100.
        await page.EvaluateAsync("""() => localStorage.setItem("jamcart.cart", JSON.stringify({ "GIFT-001": 1, price: 100, total: 100, "GIFT-001.price": 100 }))""");
        await page.RouteAsync("**/catalog.json", async route =>
        {
            var response = await route.FetchAsync();
            var catalog = JsonNode.Parse(await response.TextAsync())!;
            catalog["products"]!["GIFT-001"]!["price"] = 100;
            await route.FulfillAsync(new() { Response = response, Body = catalog.ToJsonString() });
        });
        // The request: every price-like member a forger might try, on the order and on its line.
        await page.RouteAsync(new Regex("/api/checkout$"), async route =>
        {
            var body = JsonNode.Parse(route.Request.PostData!)!;
            foreach (var name in new[] { "price", "amount", "total", "subtotal", "unitAmount" })
            {
                body[name] = 100;
                body["items"]![0]![name] = 100;
            }

            body["currency"] = "USD";
            await route.ContinueAsync(new() { PostData = System.Text.Encoding.UTF8.GetBytes(body.ToJsonString()) });
        });

        await buyer.OpenCartAsync();
        await Expect(buyer.Cart.Locator(".cart-total")).ToContainTextAsync("₩100");
        await buyer.GoToCheckoutAsync();
        await buyer.FillDetailsAsync(email);
        await buyer.ContinueButton.ClickAsync();

        // The server's price: ₩125,000, free shipping from ₩50,000.
        await Expect(buyer.PayButton).ToHaveTextAsync(buyer.Strings["checkout.pay_amount", "₩125,000"]);
        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();
        await buyer.ExpectPaidAsync();
        await Expect(page.Locator("[data-jamcart-order-details] .totals")).ToContainTextAsync("₩125,000");
        var order = await fixture.Shop.OrderAsync(buyer.OrderId(), Cancel);
        order["total"]!.GetValue<long>().ShouldBe(125_000);
        order["currency"]!.GetValue<string>().ShouldBe("KRW");
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([125_000]);
    }
}
