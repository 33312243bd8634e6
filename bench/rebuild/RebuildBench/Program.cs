using System.Diagnostics;
using System.Globalization;

using Jamcart.Bench.Rebuild;
using Jamcart.Checkout.Storage;
using Jamcart.Site;
using Jamcart.Storage;
using Jamcart.Worker;

using Microsoft.Extensions.Logging.Abstractions;

// rebuildbench WORK_DIR [PRODUCTS] [ROUNDS]: order paid → updated page published, end to end, through the rebuild
// worker with its production pacing, on SQLite, publishing to a folder. Each round changes what one product's page
// shows (its last unit sold, then restocked), so every round renders and publishes.
var work = Path.GetFullPath(args.Length > 0 ? args[0] : "bench/work/rebuild");
var products = args.Length > 1 ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10_000;
var rounds = args.Length > 2 ? int.Parse(args[2], CultureInfo.InvariantCulture) : 100;
var store = Path.Combine(work, $"store-{products}");
var run = Path.Combine(work, "run");
if (!Directory.Exists(store))
{
    SyntheticStore.Write(store, products);
}

if (Directory.Exists(run))
{
    Directory.Delete(run, recursive: true);
}

Directory.CreateDirectory(run);
var output = Path.Combine(run, "public");
var published = Path.Combine(run, "www");
await using var database = await CheckoutDatabase.OpenAsync("sqlite:" + Path.Combine(run, "store.db"), TimeProvider.System);
var clock = Stopwatch.StartNew();
var built = await SiteBuilder.BuildAsync(new BuildOptions(store, output) { CatalogSync = new BenchCatalogSync(database) });
Console.WriteLine($"{products:N0} products: first build {clock.Elapsed.TotalSeconds:F1} s, {built.Outputs:N0} files");
var synced = await database.Store.ListPendingOutboxAsync(100, default);
await database.Store.MarkOutboxDoneAsync([.. synced.Select(e => e.Id)], DateTimeOffset.UtcNow, default);

var source = StoreLoader.Load(store);
var product = source.Products[source.Products.Count / 2];
var page = Path.Combine(published, "products", product.Slug, "index.html");
await SetStockAsync(database.Store, product.Sku, 1, default);

var reports = new List<RebuildReport>();
var started = Stopwatch.StartNew();
await using var worker = RebuildWorker.Start(new RebuildWorkerOptions { StoreRoot = store, OutputRoot = output, OnRebuild = r => { lock (reports) { reports.Add(r); } } },
    database.Store, database.Stock, database.CreateLease("bench"), new FolderTarget(published), TimeProvider.System, NullLoggerFactory.Instance);
await UntilAsync(() => worker.Status.Publishes > 0 && File.Exists(page) && File.ReadAllText(page).Contains("schema.org/InStock", StringComparison.Ordinal));
Console.WriteLine($"worker start (load the store, full publish): {started.Elapsed.TotalSeconds:F1} s");
lock (reports)
{
    reports.Clear();
}

var latencies = new List<TimeSpan>();
for (var round = 0; round < rounds; round++)
{
    var sell = round % 2 == 0;
    var expected = sell ? "schema.org/OutOfStock" : "schema.org/InStock";
    var timer = Stopwatch.StartNew();
    if (sell)
    {
        await using var transaction = await database.Store.BeginAsync(default);
        await transaction.TrySellUnreservedAsync(product.Sku, 1, default);
        await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.OrderPaid, $"ord_bench_{round}", [product.Sku]), DateTimeOffset.UtcNow, default);
        await transaction.CommitAsync(default);
    }
    else
    {
        await SetStockAsync(database.Store, product.Sku, 1, default);
    }

    await UntilAsync(() => File.ReadAllText(page).Contains(expected, StringComparison.Ordinal));
    latencies.Add(timer.Elapsed);
}

List<RebuildReport> done;
lock (reports)
{
    done = [.. reports];
}

Console.WriteLine($"order paid → page published, end to end ({rounds} rounds): {Percentiles.Describe(latencies)}");
Console.WriteLine($"worker render per rebuild (read stock, plan, render, write): {Percentiles.Describe(done.Where(r => r.Build.Rendered > 0).Select(r => r.Build.Elapsed))}");
Console.WriteLine($"publish per rebuild (folder, changed files only): {Percentiles.Describe(done.Where(r => r.Publish is not null).Select(r => r.Publish!.Elapsed))}");
foreach (var phase in done.Where(r => r.Build.Rendered > 0).SelectMany(r => r.Build.Timings).GroupBy(t => t.Phase))
{
    Console.WriteLine($"  phase {phase.Key}: {Percentiles.Describe(phase.Select(t => t.Time))}");
}

Console.WriteLine($"files written per rebuild: {string.Join(", ", done.Select(r => r.Build.ChangedPaths.Count).Distinct().Order())}; rebuilds {done.Count}");

static async Task SetStockAsync(ICheckoutStore store, string sku, long onHand, CancellationToken cancellationToken)
{
    await using var transaction = await store.BeginAsync(cancellationToken);
    await transaction.SetOnHandAsync(sku, onHand, cancellationToken);
    await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.StockChanged, null, [sku]), DateTimeOffset.UtcNow, cancellationToken);
    await transaction.CommitAsync(cancellationToken);
}

static async Task UntilAsync(Func<bool> condition)
{
    var deadline = Stopwatch.StartNew();
    while (!condition())
    {
        if (deadline.Elapsed > TimeSpan.FromMinutes(2))
        {
            throw new TimeoutException("the worker did not publish");
        }

        await Task.Delay(1);
    }
}
