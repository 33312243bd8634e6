using Jamcart.Checkout.Catalog;
using Jamcart.Core;

namespace Jamcart.Storage.Tests.Builders;

/// <summary>Store settings and catalog items for tests: a won-priced shop that ships to Korea.</summary>
internal static class TestCatalog
{
    public static StoreSettings Settings(string name = "Tea House") => new(
        name,
        new Uri("https://tea.example.com/"),
        new PricingRules(Currency.KRW, new ShippingRule(new Money(3000, Currency.KRW), new Money(50000, Currency.KRW), ["KR", "JP"]), new TaxRule(100_000, Inclusive: true)),
        "ko",
        ["ko", "en"],
        LowStockThreshold: 3);

    public static CatalogItem Item(string sku, long stock = 5, long price = 12000, bool draft = false, string? title = null) =>
        new(sku, title ?? $"Tea {sku}", new Money(price, Currency.KRW), draft, stock);
}
