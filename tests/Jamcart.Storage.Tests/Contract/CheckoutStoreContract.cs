using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Storage.Tests.Builders;

using Microsoft.Extensions.Time.Testing;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>
/// What the store must do on every engine, written against the ports only. Each subclass hands in fresh, empty
/// databases; every test opens its own, so tests share no data. The facts are split over the partial files by area.
/// </summary>
public abstract partial class CheckoutStoreContract : IAsyncLifetime
{
    protected static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    private CheckoutDatabase? _database;

    protected FakeTimeProvider Time { get; } = new(Start);

    protected CheckoutDatabase Database => _database ?? throw new InvalidOperationException("The database is not open.");

    protected ICheckoutStore Store => Database.Store;

    protected DateTimeOffset Now => Time.GetUtcNow();

    protected static CancellationToken Ct => TestContext.Current.CancellationToken;

    protected abstract DatabaseKind Kind { get; }

    /// <summary>The connection string of this test's database, for opening it a second time (another process).</summary>
    protected string ConnectionString { get; private set; } = "";

    /// <summary>A connection string for a new, empty database of this engine.</summary>
    protected abstract Task<string> NewDatabaseAsync();

    /// <summary>Runs SQL on the test's database over a connection of its own, around the store: the rows it returns.</summary>
    protected Task<List<object?[]>> RowsAsync(string sql, params (string Name, object Value)[] parameters) =>
        RowsOnAsync(ConnectionString, sql, parameters);

    /// <summary><see cref="RowsAsync"/> on another database of this engine, named by its connection string.</summary>
    protected abstract Task<List<object?[]>> RowsOnAsync(string connectionString, string sql, params (string Name, object Value)[] parameters);

    /// <summary>A connection string for a new database whose schema may already be current (each test's own).</summary>
    protected virtual Task<string> NewMigratedDatabaseAsync() => NewDatabaseAsync();

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await NewMigratedDatabaseAsync();
        _database = await CheckoutDatabase.OpenAsync(ConnectionString, Time, cancellationToken: Ct);
    }

    public virtual async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }

        GC.SuppressFinalize(this);
    }

    /// <summary>Syncs a catalog of the given SKUs with their initial stock.</summary>
    protected Task SeedAsync(params (string Sku, long Stock)[] items) =>
        Store.SyncCatalogAsync(TestCatalog.Settings(), items.Select(item => TestCatalog.Item(item.Sku, item.Stock)).ToList(), Now, Ct);

    /// <summary>Places an order the way the checkout does: release what expired, reserve every line, insert, commit. Null when out of stock.</summary>
    protected static async Task<Order?> TryPlaceOrderAsync(ICheckoutStore store, DateTimeOffset now, params (string Sku, int Quantity)[] lines)
    {
        var order = TestOrders.Pending(now, lines);
        await using var transaction = await store.BeginAsync(Ct);
        foreach (var (sku, quantity) in lines.OrderBy(line => line.Sku, StringComparer.Ordinal))
        {
            await transaction.ReleaseExpiredReservationsAsync(sku, now, Ct);
            if (!await transaction.TryReserveAsync(sku, quantity, Ct))
            {
                return null;
            }
        }

        await transaction.InsertOrderAsync(order, Ct);
        await transaction.CommitAsync(Ct);
        return order;
    }

    protected async Task<Order> PlaceOrderAsync(params (string Sku, int Quantity)[] lines) =>
        await TryPlaceOrderAsync(Store, Now, lines) ?? throw new InvalidOperationException("The test order found no stock.");

    /// <summary>Stock as a reader outside any transaction sees it now.</summary>
    protected async Task<InventoryLevel> LevelAsync(string sku) => (await Store.GetInventoryAsync([sku], Now, Ct))[sku];

    /// <summary>The counters as a write transaction sees them.</summary>
    protected async Task<InventoryLevel?> CountersAsync(string sku)
    {
        await using var transaction = await Store.BeginAsync(Ct);
        return await transaction.GetInventoryAsync(sku, Ct);
    }

    /// <summary>The order's running reservations, read by releasing them in a transaction that is then rolled back.</summary>
    protected async Task<List<(string Sku, int Quantity)>> RunningReservationsAsync(string orderId)
    {
        await using var transaction = await Store.BeginAsync(Ct);
        return [.. (await transaction.ReleaseReservationsAsync(orderId, Ct)).Select(line => (line.Sku, line.Quantity))];
    }

    /// <summary>Runs one change in its own transaction and commits it.</summary>
    protected async Task<T> InTransactionAsync<T>(Func<ICheckoutTransaction, Task<T>> change)
    {
        await using var transaction = await Store.BeginAsync(Ct);
        var result = await change(transaction);
        await transaction.CommitAsync(Ct);
        return result;
    }
}
