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
        await Expect(buyer.CardField.GetByLabel("Card number")).ToHaveCountAsync(0);
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
