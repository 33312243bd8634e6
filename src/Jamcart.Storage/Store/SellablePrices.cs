using Jamcart.Checkout.Catalog;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>The sellable products among some SKUs (synced, not draft, still in the store), with their stock counters.</summary>
internal sealed class SellablePrices
{
    private readonly Dictionary<string, CatalogItem> _items = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _unreserved = new(StringComparer.Ordinal);
    private readonly Dictionary<string, long> _running = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, CatalogItem> Items => _items;

    /// <summary>Units on hand less the reservation counter, for the SKUs that have an inventory row.</summary>
    public IReadOnlyDictionary<string, long> Unreserved => _unreserved;

    /// <summary>Units on hand less the running reservations, for the SKUs whose counters leave nothing (<see cref="CatalogPrices.Running"/>).</summary>
    public IReadOnlyDictionary<string, long> Running => _running;

    /// <summary>
    /// The query for <paramref name="skus"/> SKUs named <c>@sku0</c>… at <c>@now</c>. The counters come by the inventory
    /// row's key, never as a sum over reservations; only where they leave nothing are the SKU's reservations that ran
    /// out looked for (by the index over running reservations' expiry), in the same statement, so that a sold-out
    /// line is refused after this one read. Elsewhere they are not: a checkout the counters cover needs no more.
    /// </summary>
    public static string Query(int skus) => $"""
        SELECT p.sku, p.title, p.price_minor, p.currency, p.draft, p.removed, p.initial_stock, i.on_hand - i.reserved AS unreserved,
            CASE WHEN i.on_hand - i.reserved <= 0 THEN i.on_hand - i.reserved + (
                SELECT COALESCE(SUM(r.quantity), 0) FROM reservations r
                WHERE r.sku = p.sku AND {InventoryStatements.RanOut}) END AS running
        FROM products p LEFT JOIN inventory i ON i.sku = p.sku
        WHERE p.draft = 0 AND p.removed = 0 AND p.sku IN ({SqlParameters.Placeholders("sku", skus)})
        """;

    public static (ProductRecord Product, long? Unreserved, long? Running) Read(Row row) =>
        (ProductRecord.Read(row), row.NullableLong("unreserved"), row.NullableLong("running"));

    public void Add(IEnumerable<(ProductRecord Product, long? Unreserved, long? Running)> rows)
    {
        foreach (var (product, unreserved, running) in rows)
        {
            _items[product.Sku] = product.ToItem();
            if (unreserved is { } units)
            {
                _unreserved[product.Sku] = units;
            }

            if (running is { } available)
            {
                _running[product.Sku] = available;
            }
        }
    }

    public async Task AddAsync(DbSession session, IEnumerable<string[]> chunks, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var chunk in chunks)
        {
            await using var command = session.Sql(Query(chunk.Length)).WithEach("sku", chunk).With("now", now);
            Add(await session.QueryAsync(command, Read, cancellationToken));
        }
    }
}
