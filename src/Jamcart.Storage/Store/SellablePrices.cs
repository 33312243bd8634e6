using Jamcart.Checkout.Catalog;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>The sellable products among some SKUs (synced, not draft, still in the store), with their stock counters.</summary>
internal sealed class SellablePrices
{
    private readonly Dictionary<string, CatalogItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _unreserved = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CatalogItem> Items => _items;

    /// <summary>Units on hand less the reservation counter, for the SKUs that have an inventory row.</summary>
    public IReadOnlyDictionary<string, long> Unreserved => _unreserved;

    /// <summary>The query for <paramref name="skus"/> SKUs named <c>@sku0</c>… The counters come by the inventory row's key, never as a sum over reservations.</summary>
    public static string Query(int skus) => $"""
        SELECT p.sku, p.title, p.price_minor, p.currency, p.draft, p.removed, p.initial_stock, i.on_hand - i.reserved AS unreserved
        FROM products p LEFT JOIN inventory i ON i.sku = p.sku
        WHERE p.draft = 0 AND p.removed = 0 AND p.sku IN ({SqlParameters.Placeholders("sku", skus)})
        """;

    public static (ProductRecord Product, long? Unreserved) Read(Row row) => (ProductRecord.Read(row), row.NullableLong("unreserved"));

    public void Add(IEnumerable<(ProductRecord Product, long? Unreserved)> rows)
    {
        foreach (var (product, unreserved) in rows)
        {
            _items[product.Sku] = product.ToItem();
            if (unreserved is { } units)
            {
                _unreserved[product.Sku] = units;
            }
        }
    }

    public async Task AddAsync(DbSession session, IEnumerable<string[]> chunks, CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            await using var command = session.Sql(Query(chunk.Length)).WithEach("sku", chunk);
            Add(await session.QueryAsync(command, Read, cancellationToken));
        }
    }
}
