using Jamcart.Core;

namespace Jamcart.Checkout.Catalog;

/// <summary>
/// The parts of <c>jamcart.yml</c> the functions need, synced with the catalog so that they never read the store
/// folder: a price, a shipping rate and a tax rate change in the same step that publishes the pages showing them.
/// </summary>
/// <param name="BaseUrl">The shop's address; its origin is allowed by CORS.</param>
/// <param name="Locales">Every locale the store has (<c>en</c>, <c>ko</c>, any in <c>i18n/</c>); orders may ask for one of them.</param>
public sealed record StoreSettings(
    string Name,
    Uri BaseUrl,
    PricingRules Pricing,
    string DefaultLocale,
    IReadOnlyList<string> Locales,
    int LowStockThreshold)
{
    public Currency Currency => Pricing.Currency;
}
