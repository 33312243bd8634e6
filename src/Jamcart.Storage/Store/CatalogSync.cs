using System.Globalization;

using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Storage;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>
/// Copies a store build's catalog and settings into the database (see <see cref="ICheckoutStore.SyncCatalogAsync"/>).
/// Only what differs is written, so a re-sync of an unchanged store of 10,000 products is one read and no write.
/// </summary>
internal static class CatalogSync
{
    private const int RowsPerStatement = 200;

    public static async Task<CatalogSyncResult> RunAsync(
        DbSession session, StoreSettings settings, IReadOnlyList<CatalogItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var wanted = Validate(items);
        var settingsChanged = await WriteSettingsAsync(session, SettingsRecord.From(settings), now, cancellationToken);

        await using var select = session.Sql("SELECT sku, title, price_minor, currency, draft, removed, initial_stock FROM products");
        var stored = (await session.QueryAsync(select, ProductRecord.Read, cancellationToken)).ToDictionary(product => product.Sku, StringComparer.Ordinal);

        List<string> added = [], changed = [];
        var writes = new List<ProductRecord>();
        var seeds = new List<CatalogItem>();
        foreach (var item in wanted.Values)
        {
            var product = ProductRecord.From(item);
            if (!stored.TryGetValue(item.Sku, out var before))
            {
                writes.Add(product);
                seeds.Add(item);
                added.Add(item.Sku);
            }
            else if (product != before)
            {
                // A new initial stock alone is written (it is informational) but changes nothing anyone sees.
                writes.Add(product);
                if (product != before with { InitialStock = product.InitialStock })
                {
                    changed.Add(item.Sku);
                }
            }
        }

        var removed = stored.Values.Where(product => !product.Removed && !wanted.ContainsKey(product.Sku))
            .Select(product => product.Sku).Order(StringComparer.Ordinal).ToList();

        foreach (var chunk in writes.Chunk(RowsPerStatement))
        {
            await UpsertAsync(session, chunk, now, cancellationToken);
        }

        foreach (var chunk in seeds.Chunk(RowsPerStatement))
        {
            await SeedStockAsync(session, chunk, cancellationToken);
        }

        foreach (var chunk in removed.Chunk(RowsPerStatement))
        {
            await using var remove = session.Sql($"UPDATE products SET removed = 1, synced_at = @now WHERE sku IN ({SqlParameters.Placeholders("sku", chunk.Length)})")
                .With("now", now).WithEach("sku", chunk);
            await session.ExecuteAsync(remove, cancellationToken);
        }

        if (settingsChanged || added.Count + changed.Count + removed.Count > 0)
        {
            var skus = added.Concat(changed).Concat(removed).Order(StringComparer.Ordinal).ToList();
            await OutboxRecords.EnqueueAsync(session, new OutboxMessage(OutboxKinds.CatalogSynced, null, skus), now, cancellationToken);
        }

        return new CatalogSyncResult(added, changed, removed);
    }

    private static SortedDictionary<string, CatalogItem> Validate(IReadOnlyList<CatalogItem> items)
    {
        // Sorted, so that rows are locked in SKU order like every other transaction's.
        var wanted = new SortedDictionary<string, CatalogItem>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            ArgumentOutOfRangeException.ThrowIfNegative(item.InitialStock, nameof(items));
            if (!wanted.TryAdd(item.Sku, item))
            {
                throw new ArgumentException($"The catalog lists SKU {item.Sku} twice.", nameof(items));
            }
        }

        return wanted;
    }

    private static async Task<bool> WriteSettingsAsync(DbSession session, SettingsRecord settings, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var select = session.Sql($"SELECT {SettingsRecord.Columns} FROM settings WHERE id = 1");
        if (await session.FirstOrDefaultAsync(select, SettingsRecord.Read, cancellationToken) == settings)
        {
            return false;
        }

        await using var upsert = settings.Bind(session.Sql($"""
            INSERT INTO settings (id, {SettingsRecord.Columns}, synced_at)
            VALUES (1, @name, @base_url, @currency, @shipping_flat_rate, @shipping_free_over, @shipping_countries, @tax_rate_ppm,
                    @tax_inclusive, @default_locale, @locales, @low_stock_threshold, @synced_at)
            ON CONFLICT (id) DO UPDATE SET
                name = excluded.name, base_url = excluded.base_url, currency = excluded.currency,
                shipping_flat_rate = excluded.shipping_flat_rate, shipping_free_over = excluded.shipping_free_over,
                shipping_countries = excluded.shipping_countries, tax_rate_ppm = excluded.tax_rate_ppm,
                tax_inclusive = excluded.tax_inclusive, default_locale = excluded.default_locale, locales = excluded.locales,
                low_stock_threshold = excluded.low_stock_threshold, synced_at = excluded.synced_at
            """)).With("synced_at", now);
        await session.ExecuteAsync(upsert, cancellationToken);
        return true;
    }

    // Many rows per statement: the first sync of a 10,000-product store is a few hundred round trips, not 20,000.
    private static async Task UpsertAsync(DbSession session, ProductRecord[] products, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var rows = Enumerable.Range(0, products.Length)
            .Select(i => $"(@sku{i}, @title{i}, @price_minor{i}, @currency{i}, @draft{i}, 0, @initial_stock{i}, @synced_at)");
        await using var command = session.Sql($"""
            INSERT INTO products (sku, title, price_minor, currency, draft, removed, initial_stock, synced_at)
            VALUES {string.Join(", ", rows)}
            ON CONFLICT (sku) DO UPDATE SET
                title = excluded.title, price_minor = excluded.price_minor, currency = excluded.currency,
                draft = excluded.draft, removed = 0, initial_stock = excluded.initial_stock, synced_at = excluded.synced_at
            """).With("synced_at", now);
        for (var i = 0; i < products.Length; i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            command
                .With("sku" + suffix, products[i].Sku)
                .With("title" + suffix, products[i].Title)
                .With("price_minor" + suffix, products[i].PriceMinor)
                .With("currency" + suffix, products[i].Currency)
                .With("draft" + suffix, products[i].Draft)
                .With("initial_stock" + suffix, products[i].InitialStock);
        }

        await session.ExecuteAsync(command, cancellationToken);
    }

    // ON CONFLICT DO NOTHING: a SKU another sync seeded meanwhile keeps the stock it has (the database owns stock).
    private static async Task SeedStockAsync(DbSession session, CatalogItem[] items, CancellationToken cancellationToken)
    {
        var rows = Enumerable.Range(0, items.Length).Select(i => $"(@sku{i}, @on_hand{i}, 0)");
        await using var command = session.Sql($"""
            INSERT INTO inventory (sku, on_hand, reserved) VALUES {string.Join(", ", rows)}
            ON CONFLICT (sku) DO NOTHING
            """);
        for (var i = 0; i < items.Length; i++)
        {
            var suffix = i.ToString(CultureInfo.InvariantCulture);
            command.With("sku" + suffix, items[i].Sku).With("on_hand" + suffix, items[i].InitialStock);
        }

        await session.ExecuteAsync(command, cancellationToken);
    }
}
