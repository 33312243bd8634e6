using System.Text.RegularExpressions;

using Jamcart.EndToEnd.Tests.Browsing;
using Jamcart.EndToEnd.Tests.Shopping;

namespace Jamcart.EndToEnd.Tests;

/// <summary>
/// What the server and the payment provider refuse, said in the page's language: their own words are English, the
/// buyer reads the store's strings.
/// </summary>
public sealed partial class RefusalTests(ShopFixture fixture) : IClassFixture<ShopFixture>
{
    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task details_the_server_refuses_are_marked_on_their_fields_in_korean()
    {
        const string email = "refused-details@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var strings = buyer.Strings;
        var shots = new Screenshots(buyer.Page, "refused-details-ko");
        await buyer.FillCheckoutAsync("boseong-jungjak", email);
        var country = buyer.Page.GetByLabel(strings["checkout.country"], new() { Exact = true });
        var postalCode = buyer.Page.GetByLabel(strings["checkout.postal_code"], new() { Exact = true });

        // A well-formed country the tea shop does not ship to: only the server knows.
        await country.FillAsync("US");
        await buyer.ContinueButton.ClickAsync();

        await Expect(buyer.CheckoutAlert).ToHaveTextAsync(strings["checkout.error.fields"]);
        await Expect(country).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(country).ToHaveAccessibleDescriptionAsync(strings["checkout.error.no_shipping", "US"]);
        await shots.TakeAsync("country");

        // Korea needs a postal code, which the form leaves optional: the server asks for it.
        await country.FillAsync("KR");
        await postalCode.FillAsync("");
        await buyer.ContinueButton.ClickAsync();

        await Expect(postalCode).ToHaveAccessibleDescriptionAsync(strings["checkout.error.required"]);
        await Expect(buyer.CheckoutAlert).ToHaveTextAsync(strings["checkout.error.fields"]);
        EnglishSentence().IsMatch(await buyer.Page.Locator("[data-jamcart-checkout]").InnerTextAsync()).ShouldBeFalse();
        (await fixture.Shop.OrdersOfAsync(email, Cancel)).ShouldBeEmpty();

        await postalCode.FillAsync("04524");
        await buyer.ContinueToPaymentAsync();
        await Expect(postalCode).Not.ToHaveAttributeAsync("aria-invalid", "true");
    }

    [Fact]
    public async Task payment_the_provider_refuses_in_english_is_said_in_korean_and_can_be_tried_again()
    {
        const string email = "provider-error@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        // This test failed once in a full run (the retried payment never left the checkout page): kept to say why.
        var trail = await PageTrail.FollowAsync(buyer.Page, fixture.Shop);
        await buyer.BuyUpToPaymentAsync("jeju-matcha", email);
        await buyer.EnterCardAsync(Shopper.GoodCard);

        // The provider fails the confirmation with an English message, as Stripe's API does.
        var confirm = new Regex("/v1/payment_intents/[^/]+/confirm$");
        await buyer.Page.RouteAsync(confirm, route => route.FulfillAsync(new()
        {
            Status = 500,
            ContentType = "application/json",
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
            Body = """{"error":{"type":"api_error","message":"An unexpected error occurred. Try again later."}}""",
        }));
        await buyer.PayAsync();

        await Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.error.payment"]);
        (await fixture.Shop.ChargesAsync((await fixture.Shop.OrdersOfAsync(email, Cancel)).Single()["orderId"]!.GetValue<string>(), Cancel)).ShouldBeEmpty();

        await buyer.Page.UnrouteAsync(confirm);
        await buyer.PayAsync();
        await trail.ExpectAsync(buyer.ExpectPaidAsync);
        // ₩32,000 and ₩3,000 shipping, charged once.
        (await fixture.Shop.ChargesAsync(buyer.OrderId(), Cancel)).ShouldBe([35_000]);
    }

    [Fact]
    public async Task answers_that_are_not_the_providers_json_leave_the_payment_to_be_tried_again()
    {
        const string email = "provider-garbled@example.com";
        await using var context = await fixture.NewContextAsync();
        var buyer = new Shopper(await context.NewPageAsync(), UiStrings.Korean);
        var trail = await PageTrail.FollowAsync(buyer.Page, fixture.Shop);
        await buyer.BuyUpToPaymentAsync("hyeonmi-nokcha", email);
        await buyer.EnterCardAsync(Shopper.GoodCard);

        // A proxy's error page where the card field waits for its PaymentMethod: the page once waited for it for ever.
        var methods = new Regex("/v1/payment_methods$");
        await buyer.Page.RouteAsync(methods, route => route.FulfillAsync(new()
        {
            Status = 502,
            ContentType = "text/html",
            Body = "<html><body><h1>502 Bad Gateway</h1></body></html>",
        }));
        await buyer.PayAsync();

        await trail.ExpectAsync(() => Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.error.provider_network"]));
        await Expect(buyer.PayButton).ToBeEnabledAsync();
        await buyer.Page.UnrouteAsync(methods);

        // An empty 500 where the page waits for the confirmation: whether it took effect is unknown, so the page asks.
        var confirm = new Regex("/v1/payment_intents/[^/]+/confirm$");
        await buyer.Page.RouteAsync(confirm, route => route.FulfillAsync(new()
        {
            Status = 500,
            Headers = new Dictionary<string, string> { ["Access-Control-Allow-Origin"] = "*" },
            Body = "",
        }));
        await buyer.PayAsync();

        await trail.ExpectAsync(() => Expect(buyer.CardError).ToHaveTextAsync(buyer.Strings["checkout.error.provider_network"]));
        await Expect(buyer.PayButton).ToBeEnabledAsync();
        var orderId = (await fixture.Shop.OrdersOfAsync(email, Cancel)).ShouldHaveSingleItem()["orderId"]!.GetValue<string>();
        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBeEmpty();

        await buyer.Page.UnrouteAsync(confirm);
        await buyer.PayAsync();
        await trail.ExpectAsync(buyer.ExpectPaidAsync);
        // ₩12,000 and ₩3,000 shipping, charged once.
        (await fixture.Shop.ChargesAsync(orderId, Cancel)).ShouldBe([15_000]);
    }

    // Three English words in a row: none of the server's or the provider's messages reached a Korean page.
    [GeneratedRegex(@"\b[A-Za-z]{2,} [A-Za-z]{2,} [A-Za-z]{2,}\b")]
    private static partial Regex EnglishSentence();
}
