using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>Stock as the product files declare it: the source of a build without a database.</summary>
public sealed class FrontMatterStock(IEnumerable<StoreProduct> products) : IStockSource
{
    private readonly Dictionary<string, long> _stock = products.ToDictionary(p => p.Sku, p => p.Product.InitialStock, StringComparer.Ordinal);

    public ValueTask<IReadOnlyDictionary<string, long>> GetAvailableAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken) =>
        ValueTask.FromResult<IReadOnlyDictionary<string, long>>(_stock);
}
