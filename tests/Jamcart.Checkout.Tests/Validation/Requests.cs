using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

namespace Jamcart.Checkout.Tests.Validation;

/// <summary>Valid requests and store settings to start from; each test changes the one thing it is about.</summary>
internal static class Requests
{
    public static ShippingInput Seoul { get; } = new("Kim Minji", "12 Sejong-daero", null, "Seoul", null, "04524", "KR");

    public static PlaceOrderCommand Valid(params CartItemInput[] items) =>
        new(items.Length == 0 ? [new CartItemInput("TEA-001", 2)] : items, "buyer@example.com", Seoul, "ko");

    /// <summary>A Korean shop: KRW, 10 % VAT included, ₩3,000 shipping to KR and US, free from ₩50,000.</summary>
    public static StoreSettings Shop(ShippingRule? shipping = null, TaxRule? tax = null, Currency? currency = null, bool physical = true)
    {
        var money = currency ?? Currency.KRW;
        var rule = physical ? shipping ?? new ShippingRule(new Money(3000, money), new Money(50_000, money), ["KR", "US", "HK", "IE"]) : null;
        return new StoreSettings(
            "Tea House",
            new Uri("https://tea.example/"),
            new PricingRules(money, rule, tax ?? new TaxRule(100_000, Inclusive: true)),
            "en",
            ["en", "ko"],
            LowStockThreshold: 3);
    }
}
