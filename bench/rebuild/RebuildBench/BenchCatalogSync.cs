using Jamcart.Checkout.Catalog;
using Jamcart.Core;
using Jamcart.Site;
using Jamcart.Storage;

namespace Jamcart.Bench.Rebuild;

/// <summary>The build's catalog sync into the benchmark's database, as <c>jamcart build</c> does it.</summary>
internal sealed class BenchCatalogSync(CheckoutDatabase database) : ICatalogSync
{
    public Task<IStockSource?> OpenAsync(StoreSource source, CancellationToken cancellationToken) =>
        Task.FromResult<IStockSource?>(database.Stock);

    public async Task SyncAsync(StoreSource source, CancellationToken cancellationToken)
    {
        var config = source.Config!;
        var settings = new StoreSettings(config.Name, config.BaseUrl,
            new PricingRules(config.Currency, null, new TaxRule(config.Tax.RatePpm, config.Tax.Inclusive)),
            config.Locale, [.. config.Locales], config.LowStockThreshold);
        var items = source.Products.Select(p => new CatalogItem(p.Sku, p.Product.Title, p.Product.Price, p.Product.Draft, p.Product.InitialStock)).ToList();
        await database.Store.SyncCatalogAsync(settings, items, DateTimeOffset.UtcNow, cancellationToken);
    }
}
