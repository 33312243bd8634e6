using System.Text.RegularExpressions;

namespace Jamcart.EndToEnd.Tests.Shopping;

/// <summary>
/// What a buyer does in the tea shop, step by step, through the page as it is shown: elements are found by their role
/// and accessible name in the page's language (which also proves they have one), by data attributes only where a
/// name would not single one out.
/// </summary>
internal sealed class Shopper(IPage page, UiStrings strings)
{
    /// <summary>A sandbox test card that succeeds.</summary>
    public const string GoodCard = "4242 4242 4242 4242";

    public const string DeclinedCard = "4000 0000 0000 0002";

    /// <summary>Asks for 3-D Secure on every payment.</summary>
    public const string ThreeDSecureCard = "4000 0027 6000 3184";

    public IPage Page => page;

    public UiStrings Strings => strings;

    /// <summary>The sandbox's card field and 3-D Secure page, which speak the page's language.</summary>
    public SandboxWords Sandbox { get; } = SandboxWords.In(strings.Locale);

    private string Home => strings.Locale == "ko" ? "/" : $"/{strings.Locale}/";

    /// <summary>The form's one submit button: "continue" until the order is priced, then "pay ₩…".</summary>
    public ILocator PayButton => page.Locator("[data-jamcart-pay]");

    public ILocator ContinueButton => page.GetByRole(AriaRole.Button, new() { Name = strings["checkout.continue"] });

    public ILocator CheckoutAlert => page.Locator("[data-jamcart-error]");

    public ILocator CardError => page.Locator("[data-jamcart-card-error]");

    public IFrameLocator CardField => page.FrameLocator("[data-jamcart-payment] iframe");

    public IFrameLocator ThreeDSecure => page.FrameLocator($"iframe[title='{Sandbox["script.challenge_frame"]}']");

    public ILocator CardNumber => CardField.GetByLabel(Sandbox["card.number"], new() { Exact = true });

    public ILocator OrderStatus => page.Locator("[data-jamcart-order-status]");

    /// <summary>The cart page's list of lines (the drawer on every page has its own).</summary>
    public ILocator Cart => page.GetByRole(AriaRole.Region, new() { Name = strings["cart.items"] });

    public ILocator Line(string sku) => page.Locator($"[data-jamcart-line='{sku}']");

    public async Task OpenProductAsync(string slug)
    {
        await page.GotoAsync($"{Home}products/{slug}/");
        // Live stock has been asked for once the buy button is ready: adding before then would skip the stock limit.
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = strings["product.add_to_cart"] })).ToBeEnabledAsync();
    }

    public async Task AddToCartAsync(string slug, int quantity = 1)
    {
        await OpenProductAsync(slug);
        await AddHereAsync(quantity);
    }

    /// <summary>Adds the product of the page that is open.</summary>
    public async Task AddHereAsync(int quantity = 1)
    {
        await page.GetByLabel(strings["product.quantity"], new() { Exact = true }).FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await page.GetByRole(AriaRole.Button, new() { Name = strings["product.add_to_cart"] }).ClickAsync();
        await Expect(page.Locator("form[data-jamcart-add] [data-jamcart-status]")).ToHaveTextAsync(strings["cart.added"]);
    }

    public async Task OpenCartAsync()
    {
        await page.GotoAsync($"{Home}cart/");
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = strings["cart.title"], Level = 1 })).ToBeVisibleAsync();
    }

    public ILocator QuantityOf(string title) => page.GetByLabel(strings["cart.quantity_of", title], new() { Exact = true });

    /// <summary>Types a new quantity into a cart line and leaves the field, as a buyer does.</summary>
    public async Task SetQuantityAsync(string title, int quantity)
    {
        var field = QuantityOf(title);
        await field.FillAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await field.PressAsync("Tab");
        await Expect(QuantityOf(title)).ToHaveValueAsync(quantity.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task GoToCheckoutAsync()
    {
        await page.GetByRole(AriaRole.Link, new() { Name = strings["cart.checkout"] }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = strings["checkout.title"], Level = 1 })).ToBeVisibleAsync();
    }

    public async Task FillDetailsAsync(string email = "buyer@example.com")
    {
        await page.GetByLabel(strings["checkout.email"], new() { Exact = true }).FillAsync(email);
        await page.GetByLabel(strings["checkout.name"], new() { Exact = true }).FillAsync("김민지");
        await page.GetByLabel(strings["checkout.country"], new() { Exact = true }).FillAsync("KR");
        await page.GetByLabel(strings["checkout.postal_code"], new() { Exact = true }).FillAsync("04524");
        await page.GetByLabel(strings["checkout.city"], new() { Exact = true }).FillAsync("서울특별시 중구");
        await page.GetByLabel(strings["checkout.line1"], new() { Exact = true }).FillAsync("세종대로 110");
    }

    /// <summary>Sends the details: the server prices the order and reserves it, and the card field appears.</summary>
    public async Task ContinueToPaymentAsync()
    {
        await ContinueButton.ClickAsync();
        await ExpectPayButtonAsync();
        await Expect(CardNumber).ToBeEditableAsync();
    }

    public Task ExpectPayButtonAsync() => Expect(PayButton).ToHaveTextAsync(strings.Pattern("checkout.pay_amount"));

    /// <summary>From an empty cart to a filled-in checkout form, not yet sent.</summary>
    public async Task FillCheckoutAsync(string slug, string email, int quantity = 1)
    {
        await AddToCartAsync(slug, quantity);
        await OpenCartAsync();
        await GoToCheckoutAsync();
        await FillDetailsAsync(email);
    }

    /// <summary>From an empty cart to the card field: the product added, details sent, the order priced and reserved.</summary>
    public async Task BuyUpToPaymentAsync(string slug, string email, int quantity = 1)
    {
        await FillCheckoutAsync(slug, email, quantity);
        await ContinueToPaymentAsync();
    }

    public async Task EnterCardAsync(string number)
    {
        await CardNumber.FillAsync(number);
        await CardField.GetByLabel(Sandbox["card.expiry"]).FillAsync("12 / 34");
        await CardField.GetByLabel(Sandbox["card.cvc"], new() { Exact = true }).FillAsync("123");
    }

    public async Task PayAsync() => await PayButton.ClickAsync();

    /// <summary>Tabs forward until <paramref name="target"/> has the focus, as a keyboard user moves through the page.</summary>
    public async Task TabToAsync(ILocator target, int most = 80)
    {
        for (var i = 0; i < most; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await target.EvaluateAsync<bool>("e => e.ownerDocument.activeElement === e && e.ownerDocument.hasFocus()"))
            {
                return;
            }
        }

        throw new InvalidOperationException($"{target} was not reached with {most} presses of Tab");
    }

    /// <summary>The confirmation page says the order is paid.</summary>
    public async Task ExpectPaidAsync()
    {
        await Expect(page).ToHaveURLAsync(new Regex("/order/#order=ord_"), new() { Timeout = 30_000 });
        await Expect(OrderStatus).ToHaveAttributeAsync("data-status", "paid", new() { Timeout = 30_000 });
        await Expect(OrderStatus).ToHaveTextAsync(strings["order.thanks"]);
    }

    /// <summary>The order id from the confirmation page's address (<c>#order=…&amp;token=…</c>).</summary>
    public string OrderId()
    {
        var fragment = new Uri(page.Url).Fragment.TrimStart('#');
        return System.Web.HttpUtility.ParseQueryString(fragment)["order"] ?? throw new InvalidOperationException($"no order in {page.Url}");
    }
}
