using System.Text.RegularExpressions;

using Jamcart.EndToEnd.Tests.Browsing;
using Jamcart.EndToEnd.Tests.Shopping;

namespace Jamcart.EndToEnd.Tests;

/// <summary>Payments that do not go straight through: declined cards, 3-D Secure, and functions that drop out for a while.</summary>
public sealed class PaymentTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task declined_card_then_a_good_card_pays_the_same_order_once()
    {
        const string email = "declined@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var shots = new Screenshots(buyer.Page, "declined-then-paid");
        await buyer.BuyUpToPaymentAsync("jangheung-cheongtaejeon", email);

        await buyer.EnterCardAsync(Shopper.DeclinedCard);
        await buyer.PayAsync();
        await Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.declined"]);
        // Leaving the card field, which its frame reports as a change, leaves the message where the buyer reads it.
        await buyer.TabToAsync(buyer.PayButton);
        await buyer.Page.WaitForTimeoutAsync(300);
        await Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.declined"], new() { Timeout = 1_000 });
        await shots.TakeAsync("declined");
        var declined = (await fixture.Shop.OrdersOfAsync(email, Cancel)).ShouldHaveSingleItem();
        declined["status"]!.GetValue<string>().ShouldBe("pending_payment");
        var orderId = declined["orderId"]!.GetValue<string>();
        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBeEmpty();

        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();

        await buyer.ExpectPaidAsync();
        buyer.OrderId().ShouldBe(orderId);
        (await fixture.Shop.OrdersOfAsync(email, Cancel)).Count.ShouldBe(1);
        // ₩45,000 and ₩3,000 shipping, charged once.
        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBe([48_000]);
    }

    [Fact]
    public async Task card_field_and_its_messages_speak_the_language_of_the_page_not_of_the_browser()
    {
        // A browser set to English on the Korean pages: the page passes its locale to the provider's script.
        await using var context = await fixture.NewContextAsync("en-US");
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.BuyUpToPaymentAsync("gamguk-cha", "card-field-ko@example.com");

        await Expect(buyer.Page.Locator("[data-jamcart-payment] iframe")).ToHaveAttributeAsync("title", buyer.Sandbox["script.card_frame"]);
        await Expect(buyer.CardField.Locator("html")).ToHaveAttributeAsync("lang", "ko");
        await Expect(buyer.CardField.GetByLabel(buyer.Sandbox["card.expiry"])).ToBeEditableAsync();
        await Expect(buyer.CardField.GetByLabel(buyer.Sandbox["card.cvc"], new() { Exact = true })).ToBeEditableAsync();
        await buyer.CardNumber.FillAsync("4242 4242");
        await buyer.CardNumber.PressAsync("Tab");

        await Expect(buyer.CardError).ToHaveTextAsync(buyer.Sandbox["card.error.incomplete_number"]);
        // Said once, on the page; the frame only marks the field.
        await Expect(buyer.CardNumber).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(buyer.CardField.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        await new Screenshots(buyer.Page, "card-field-ko").TakeAsync("incomplete-number");
    }

    [Fact]
    public async Task three_d_secure_completed_pays_the_order()
    {
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var shots = new Screenshots(buyer.Page, "3ds-completed");
        await buyer.BuyUpToPaymentAsync("yuja-nokcha", "3ds-ok@example.com", 2);
        await buyer.EnterCardAsync(Shopper.ThreeDSecureCard);
        await buyer.PayAsync();

        var complete = buyer.ThreeDSecure.GetByRole(AriaRole.Button, new() { Name = buyer.Sandbox["3ds.complete"] });
        await Expect(complete).ToBeVisibleAsync();
        await Expect(buyer.ThreeDSecure.GetByText(new Regex("39,000"))).ToBeVisibleAsync();
        await shots.TakeAsync("challenge");
        await complete.ClickAsync();

        await buyer.ExpectPaidAsync();
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([39_000]);
    }

    [Fact]
    public async Task three_d_secure_failed_charges_nothing_and_keeps_the_order_payable()
    {
        const string email = "3ds-failed@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.BuyUpToPaymentAsync("sseunmemil-cha", email);
        await buyer.EnterCardAsync(Shopper.ThreeDSecureCard);
        await buyer.PayAsync();

        await buyer.ThreeDSecure.GetByRole(AriaRole.Button, new() { Name = buyer.Sandbox["3ds.fail"] }).ClickAsync();

        await Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.declined.authentication"]);
        await Expect(buyer.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        var order = (await fixture.Shop.OrdersOfAsync(email, Cancel)).ShouldHaveSingleItem();
        order["status"]!.GetValue<string>().ShouldBe("pending_payment");
        (await fixture.Shop.ChargesAsync(order["orderId"]!.GetValue<string>(), Cancel)).ShouldBeEmpty();

        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();
        await buyer.ExpectPaidAsync();
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([18_000]);
    }

    [Fact]
    public async Task three_d_secure_dialog_closed_by_the_buyer_charges_nothing_and_keeps_the_order_payable()
    {
        const string email = "3ds-closed@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var shots = new Screenshots(buyer.Page, "3ds-closed");
        await buyer.BuyUpToPaymentAsync("hadong-ujeon", email);
        var dialog = buyer.Page.GetByRole(AriaRole.Dialog, new() { Name = buyer.Sandbox["script.challenge_dialog"] });
        var close = dialog.GetByRole(AriaRole.Button, new() { Name = buyer.Sandbox["script.challenge_close"] });

        // First the bank's page never arrives (its address fails as a refused connection does): the dialog's own
        // button is the only way out.
        var challenge = new Regex("/3ds/pi_");
        await buyer.Page.RouteAsync(challenge, route => route.Request.Method == "GET" ? route.AbortAsync("connectionrefused") : route.ContinueAsync());
        await buyer.EnterCardAsync(Shopper.ThreeDSecureCard);
        await buyer.PayAsync();
        await Expect(close).ToBeVisibleAsync();
        await shots.TakeAsync("page-never-loads");
        await close.ClickAsync();

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.declined.authentication"]);
        var order = (await fixture.Shop.OrdersOfAsync(email, Cancel)).ShouldHaveSingleItem();
        order["status"]!.GetValue<string>().ShouldBe("pending_payment");
        var orderId = order["orderId"]!.GetValue<string>();
        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBeEmpty();

        // Then the page loads, and Escape closes the dialog as well.
        await buyer.Page.UnrouteAsync(challenge);
        await buyer.EnterCardAsync(Shopper.ThreeDSecureCard);
        await buyer.PayAsync();
        await Expect(buyer.ThreeDSecure.GetByRole(AriaRole.Button, new() { Name = buyer.Sandbox["3ds.complete"] })).ToBeVisibleAsync();
        await close.FocusAsync();
        await buyer.Page.Keyboard.PressAsync("Escape");

        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.declined.authentication"]);
        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBeEmpty();

        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();
        await buyer.ExpectPaidAsync();
        buyer.OrderId().ShouldBe(orderId);
        // ₩68,000 with free shipping, charged once.
        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBe([68_000]);
    }

    [Fact]
    public async Task functions_unreachable_for_a_while_the_buyer_retries_and_pays_once()
    {
        const string email = "outage@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        await buyer.FillCheckoutAsync("jeju-sejak", email);

        // The outage is made with Playwright's routing rather than a proxy: every POST /api/checkout reaches the
        // functions, which make the order, but the answer is lost on the way back (the hardest case: the buyer cannot
        // know an order exists). The page's own retries fail too; then the connection comes back and the buyer presses
        // the button again.
        var lost = 0;
        async Task LoseTheAnswer(IRoute route)
        {
            await route.FetchAsync();
            Interlocked.Increment(ref lost);
            await route.AbortAsync("connectionreset");
        }

        await buyer.Page.RouteAsync(new Regex("/api/checkout$"), LoseTheAnswer);
        await buyer.ContinueButton.ClickAsync();
        await Expect(buyer.CheckoutAlert).ToHaveTextAsync(buyer.Strings["checkout.error.network"]);
        lost.ShouldBeGreaterThan(1);
        await buyer.Page.UnrouteAsync(new Regex("/api/checkout$"), LoseTheAnswer);

        await buyer.ContinueButton.ClickAsync();
        await buyer.ExpectPayButtonAsync();
        await buyer.EnterCardAsync(Shopper.GoodCard);
        await buyer.PayAsync();

        await buyer.ExpectPaidAsync();
        (await fixture.Shop.OrdersOfAsync(email, Cancel)).Count.ShouldBe(1);
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([41_000]);
    }

    [Fact]
    public async Task confirmation_unreachable_after_paying_the_order_still_shows_paid()
    {
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var trail = await PageTrail.FollowAsync(buyer.Page, fixture.Shop);
        await buyer.BuyUpToPaymentAsync("hadong-jaeksal", "confirm-lost@example.com");
        await buyer.EnterCardAsync(Shopper.GoodCard);

        // The card is charged, then every call to confirm fails: the sandbox's webhook pays the order on its own.
        await buyer.Page.RouteAsync(new Regex("/api/orders/[^/]+/confirm$"), route => route.AbortAsync("connectionrefused"));
        await buyer.PayAsync();

        await trail.ExpectAsync(buyer.ExpectPaidAsync);
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([31_000]);
    }
}
