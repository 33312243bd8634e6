using Jamcart.Checkout.Storage;
using Jamcart.Site;
using Jamcart.Storage;

using Microsoft.Extensions.Logging.Abstractions;

namespace Jamcart.Worker.Tests;

/// <summary>
/// One test's shop: a store folder written inline, its database (a fresh SQLite file, or a PostgreSQL database),
/// built and synced as <c>jamcart build</c> does, and the folders a worker renders into and publishes to.
/// </summary>
internal sealed class WorkerShop : IAsyncDisposable
{
    /// <summary>Fast pacing for tests: the defaults are tuned for production, not for a suite's wall time.</summary>
    public static readonly RebuildWorkerOptions Pacing = new()
    {
        StoreRoot = "",
        OutputRoot = "",
        PollInterval = TimeSpan.FromMilliseconds(20),
        Debounce = TimeSpan.FromMilliseconds(10),
        MaxDelay = TimeSpan.FromMilliseconds(100),
        LeaseRetry = TimeSpan.FromMilliseconds(200),
        PublishRetryFirst = TimeSpan.FromMilliseconds(100),
        PublishRetryMax = TimeSpan.FromMilliseconds(400),
    };

    private WorkerShop(string root, string connectionString, CheckoutDatabase database)
    {
        Root = root;
        ConnectionString = connectionString;
        Database = database;
    }

    public string Root { get; }
    public string StoreRoot => Path.Combine(Root, "store");
    public string OutputRoot => Path.Combine(Root, "public");
    public string PublishedRoot => Path.Combine(Root, "www");
    public string ConnectionString { get; }
    public CheckoutDatabase Database { get; }
    public ICheckoutStore Store => Database.Store;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>A Korean tea shop (low stock at 3 or fewer) with these SKUs and initial stock, all in category Tea.</summary>
    public static async Task<WorkerShop> CreateAsync(string? postgres, params (string Sku, long Stock)[] products)
    {
        var root = Directory.CreateTempSubdirectory("jamcart-worker-").FullName;
        var connectionString = postgres ?? "sqlite:" + Path.Combine(root, "store.db");
        var database = await CheckoutDatabase.OpenAsync(connectionString, TimeProvider.System, cancellationToken: Ct);
        var shop = new WorkerShop(root, connectionString, database);
        shop.Write("jamcart.yml", "name: Tea House\nbaseUrl: https://tea.example\ncurrency: KRW\nlocale: ko\nlowStockThreshold: 3\n");
        foreach (var (sku, stock) in products)
        {
            shop.Write($"products/{sku.ToLowerInvariant()}.md", $"---\nsku: {sku}\ntitle: Tea {sku}\nprice: 12000\nstock: {stock}\ncategories: [Tea]\n---\nA tea.\n");
        }

        var built = await SiteBuilder.BuildAsync(new BuildOptions(shop.StoreRoot, shop.OutputRoot) { CatalogSync = new StoreCatalogSync(database) }, Ct);
        if (!built.Succeeded)
        {
            throw new InvalidOperationException(string.Join("\n", built.Diagnostics));
        }

        // The build's own catalog.synced message is settled, as a worker that ran before would have: tests count sales.
        var synced = await database.Store.ListPendingOutboxAsync(100, Ct);
        await database.Store.MarkOutboxDoneAsync([.. synced.Select(entry => entry.Id)], TimeProvider.System.GetUtcNow(), Ct);
        return shop;
    }

    public void Write(string path, string content)
    {
        var full = Path.Combine(StoreRoot, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
    }

    /// <summary>
    /// Starts a worker on this shop; <paramref name="database"/> stands for another host's connection, and
    /// <paramref name="store"/>, when given, for what the worker sees of its store.
    /// </summary>
    public RebuildWorker StartWorker(IPublishTarget? target, Action<RebuildReport>? onRebuild = null, string? outputRoot = null,
        CheckoutDatabase? database = null, IWorkerLease? lease = null, ICheckoutStore? store = null)
    {
        database ??= Database;
        return RebuildWorker.Start(
            Pacing with { StoreRoot = StoreRoot, OutputRoot = outputRoot ?? OutputRoot, OnRebuild = onRebuild },
            store ?? database.Store, database.Stock, lease ?? database.CreateLease(Pacing.LeaseName), target, TimeProvider.System, NullLoggerFactory.Instance);
    }

    /// <summary>A paid sale as the checkout records it: units sold and an <c>order.paid</c> message, in one transaction.</summary>
    public async Task<bool> SellAsync(string sku, int quantity = 1)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var transaction = await Store.BeginAsync(Ct);
                if (!await transaction.TrySellUnreservedAsync(sku, quantity, Ct))
                {
                    return false;
                }

                await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.OrderPaid, "ord_" + Guid.NewGuid().ToString("N"), [sku]), TimeProvider.System.GetUtcNow(), Ct);
                await transaction.CommitAsync(Ct);
                return true;
            }
            catch (StoreConflictException) when (attempt < 20)
            {
                // As the use cases do: nothing was kept, so running it again is safe.
            }
        }
    }

    public async Task<long> AvailableAsync(string sku) => (await Database.Stock.GetAvailableAsync([sku], Ct)).GetValueOrDefault(sku);

    /// <summary>Entries the rebuild worker has still to do; receipts are the receipt sender's.</summary>
    public async Task<int> PendingAsync() =>
        (await Store.ListPendingOutboxAsync(OutboxKinds.Rebuild, TimeProvider.System.GetUtcNow(), 100_000, Ct)).Count;

    public async ValueTask DisposeAsync()
    {
        await Database.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temporary folder's clean-up.
        }
    }
}
