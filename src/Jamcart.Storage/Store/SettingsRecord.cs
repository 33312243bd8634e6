using System.Data.Common;

using Jamcart.Checkout.Catalog;
using Jamcart.Core;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>
/// <see cref="StoreSettings"/> as the one row of the <c>settings</c> table: plain values, so that two of them compare
/// equal exactly when a sync would change nothing. Shipping amounts are in the store's currency.
/// </summary>
internal sealed record SettingsRecord(
    string Name,
    string BaseUrl,
    string Currency,
    long? ShippingFlatRate,
    long? ShippingFreeOver,
    string? ShippingCountries,
    long TaxRatePpm,
    bool TaxInclusive,
    string DefaultLocale,
    string Locales,
    int LowStockThreshold)
{
    public const string Columns =
        "name, base_url, currency, shipping_flat_rate, shipping_free_over, shipping_countries, tax_rate_ppm, tax_inclusive, "
        + "default_locale, locales, low_stock_threshold";

    /// <exception cref="ArgumentException">A shipping amount is in another currency than the store's.</exception>
    public static SettingsRecord From(StoreSettings settings)
    {
        var currency = settings.Currency;
        var shipping = settings.Pricing.Shipping;
        if (shipping is not null && (shipping.FlatRate.Currency != currency || (shipping.FreeOver is { } free && free.Currency != currency)))
        {
            throw new ArgumentException($"Shipping amounts must be in the store's currency, {currency.Code}.", nameof(settings));
        }

        return new SettingsRecord(
            settings.Name,
            settings.BaseUrl.OriginalString,
            currency.Code,
            shipping?.FlatRate.Minor,
            shipping?.FreeOver?.Minor,
            shipping is null ? null : TextLists.Join(shipping.Countries, "shipping country"),
            settings.Pricing.Tax.RatePpm,
            settings.Pricing.Tax.Inclusive,
            settings.DefaultLocale,
            TextLists.Join(settings.Locales, "locale"),
            settings.LowStockThreshold);
    }

    public static SettingsRecord Read(Row row) => new(
        row.Text("name"),
        row.Text("base_url"),
        row.Text("currency"),
        row.NullableLong("shipping_flat_rate"),
        row.NullableLong("shipping_free_over"),
        row.NullableText("shipping_countries"),
        row.Long("tax_rate_ppm"),
        row.Flag("tax_inclusive"),
        row.Text("default_locale"),
        row.Text("locales"),
        row.Int("low_stock_threshold"));

    public StoreSettings ToSettings()
    {
        var currency = Jamcart.Core.Currency.Get(Currency);
        var shipping = ShippingFlatRate is { } flat
            ? new ShippingRule(
                new Money(flat, currency),
                ShippingFreeOver is { } free ? new Money(free, currency) : null,
                TextLists.Split(ShippingCountries ?? ""))
            : null;
        var pricing = new PricingRules(currency, shipping, new TaxRule(TaxRatePpm, TaxInclusive));
        return new StoreSettings(Name, new Uri(BaseUrl, UriKind.RelativeOrAbsolute), pricing, DefaultLocale, TextLists.Split(Locales), LowStockThreshold);
    }

    public DbCommand Bind(DbCommand command) => command
        .With("name", Name)
        .With("base_url", BaseUrl)
        .With("currency", Currency)
        .With("shipping_flat_rate", ShippingFlatRate)
        .With("shipping_free_over", ShippingFreeOver)
        .With("shipping_countries", ShippingCountries)
        .With("tax_rate_ppm", TaxRatePpm)
        .With("tax_inclusive", TaxInclusive)
        .With("default_locale", DefaultLocale)
        .With("locales", Locales)
        .With("low_stock_threshold", LowStockThreshold);
}
