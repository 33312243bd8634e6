using System.Diagnostics;
using System.Globalization;

namespace Jamcart.Bench.Scale;

/// <summary>
/// The many-instances chaos scenario: functions instances and two rebuild workers on one PostgreSQL database, buyers
/// spread over the instances round robin, and in turn: steady paying purchases (throughput), a flash sale, then
/// ordinary purchases while one instance and the active worker are killed with SIGKILL. Then it waits for
/// reconciliation to end every order and the standby to publish every sale, and audits the result
/// (<see cref="ShopAudit"/>).
/// </summary>
internal static class ScaleScenario
{
    public static async Task<ScaleReport> RunAsync(ScaleOptions options, CancellationToken cancellationToken)
    {
        var report = new ScaleReport();
        Directory.CreateDirectory(options.WorkFolder);
        var store = ScaleStore.Write(Path.Combine(options.WorkFolder, "store"), options);

        options.Progress($"starting the sandbox, {options.Instances} functions instances and 2 rebuild workers");
        var started = Stopwatch.GetTimestamp();
        await using var cluster = await ShopCluster.StartAsync(options, store, cancellationToken);
        report.Figure("startup", Seconds(Stopwatch.GetElapsedTime(started)) + " to sync the catalog and start every process",
            Stopwatch.GetElapsedTime(started).TotalSeconds);

        using var client = new ShopClient(cluster.Sandbox.BaseUrl, cluster.Sandbox.PublishableKey, connections: 256);
        await using var database = new ShopDatabase(options.Database);
        var purchases = new Purchases(cluster, client);
        var chaos = new ChaosTimes();

        options.Progress($"throughput: {options.ThroughputBuyers} buyers paying for {Seconds(options.ThroughputTime)}");
        await ThroughputAsync(cluster, purchases, report, cancellationToken);

        options.Progress($"flash sale: {options.FlashBuyers} buyers for {options.FlashStock} units");
        await FlashSaleAsync(cluster, purchases, report, cancellationToken);

        options.Progress($"chaos: {options.ChaosBuyers} buyers for {Seconds(options.ChaosTime)}, killing an instance and the active worker");
        await ChaosAsync(cluster, purchases, database, chaos, report, cancellationToken);

        options.Progress("waiting for every order to end and every sale to be published");
        var settled = await SettleAsync(database, options.SettleTimeout, cancellationToken);
        report.Figure("settled", settled is { } time
            ? $"{Seconds(time)} after the load stopped: no order pending, no outbox entry pending"
            : $"not within {Seconds(options.SettleTimeout)}", settled?.TotalSeconds);
        report.Check("everything settles", settled is not null, settled is null
            ? $"orders still pending or outbox entries unpublished after {Seconds(options.SettleTimeout)}"
            : $"in {Seconds(settled.Value)}");

        var memory = cluster.Instances.Where(i => i.Alive).Select(i => i.Process).Append(cluster.StandbyWorker)
            .Select(process => (process.Name, Bytes: process.PeakMemoryBytes())).Where(p => p.Bytes is not null).ToList();
        report.Figure("peak memory", string.Join(", ", memory.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Name} {p.Bytes / 1048576.0:0} MiB"))),
            memory.Where(p => p.Name.StartsWith("functions", StringComparison.Ordinal)).Select(p => (double)p.Bytes!.Value / 1048576).DefaultIfEmpty(double.NaN).Max());

        options.Progress("auditing");
        await new ShopAudit(cluster, database, client, purchases.All, chaos, report).RunAsync(cancellationToken);
        return report;
    }

    public static string Seconds(TimeSpan time) => string.Create(CultureInfo.InvariantCulture, $"{time.TotalSeconds:0.00} s");

    private static async Task ThroughputAsync(ShopCluster cluster, Purchases purchases, ScaleReport report, CancellationToken cancellationToken)
    {
        var options = cluster.Options;
        // A short warm-up first: the instances were just started and their code is not compiled yet.
        await ClosedLoopAsync(purchases, "warm-up", options.ThroughputBuyers, TimeSpan.FromSeconds(Math.Min(5, options.ThroughputTime.TotalSeconds / 2)),
            _ => ([(cluster.Store.Plentiful[0], 1)], BuyerIntent.Pay), options.Seed, cancellationToken);

        var before = cluster.Instances.Select(instance => instance.Requests).ToArray();
        var started = Stopwatch.GetTimestamp();
        var done = await ClosedLoopAsync(purchases, "throughput", options.ThroughputBuyers, options.ThroughputTime,
            random => ([(cluster.Store.Plentiful[random.Next(cluster.Store.Plentiful.Count)], 1)], BuyerIntent.Pay), options.Seed, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var paid = done.Where(p => p.Outcome == PurchaseOutcome.Paid).ToList();
        var rate = paid.Count / elapsed.TotalSeconds;
        var checkout = new Percentiles(paid.Select(p => p.CheckoutTime));
        var whole = new Percentiles(paid.Select(p => p.EndedAt!.Value - p.StartedAt));
        var perInstance = string.Join(", ", cluster.Instances.Select(i => $"#{i.Index + 1} {i.Requests - before[i.Index]}"));
        report.Figure("throughput", string.Create(CultureInfo.InvariantCulture,
            $"{rate:0.0} paid purchases/s over {elapsed.TotalSeconds:0.0} s with {options.ThroughputBuyers} buyers (checkout {checkout.Describe()}; "
            + $"whole purchase {whole.Describe()}); requests per instance {perInstance}"), rate);
        report.Value("throughput checkout p50 ms", checkout.At(50));
        report.Value("throughput checkout p99 ms", checkout.At(99));
        report.Check("throughput: every purchase paid", paid.Count == done.Count && paid.Count > 0,
            $"{paid.Count} of {done.Count} paid{Problems(done)}");
    }

    private static async Task FlashSaleAsync(ShopCluster cluster, Purchases purchases, ScaleReport report, CancellationToken cancellationToken)
    {
        var options = cluster.Options;
        using var gate = new SemaphoreSlim(0);
        var started = Stopwatch.GetTimestamp();
        var buyers = Enumerable.Range(0, options.FlashBuyers).Select(async _ =>
        {
            await gate.WaitAsync(cancellationToken);
            return await purchases.BuyAsync("flash", [(ScaleStore.Flash, 1)], BuyerIntent.Pay, cancellationToken);
        }).ToList();
        gate.Release(options.FlashBuyers);
        var done = await Task.WhenAll(buyers);
        var elapsed = Stopwatch.GetElapsedTime(started);

        var orders = done.Count(p => p.CheckoutStatus == 201);
        var refused = done.Count(p => p.CheckoutStatus == 409);
        var paid = done.Count(p => p.Outcome == PurchaseOutcome.Paid);
        var latency = new Percentiles(done.Select(p => p.CheckoutTime));
        report.Figure("flash sale", string.Create(CultureInfo.InvariantCulture,
            $"{options.FlashBuyers} buyers at once for {options.FlashStock} units: {orders} orders ({paid} paid), {refused} × 409, "
            + $"{options.FlashBuyers - orders - refused} other; checkout {latency.Describe()}; all done in {elapsed.TotalSeconds:0.00} s"), orders);
        report.Value("flash sale checkout p50 ms", latency.At(50));
        report.Value("flash sale checkout p99 ms", latency.At(99));
        report.Value("flash sale seconds", elapsed.TotalSeconds);
        report.Check("flash sale sells exactly its stock", orders == options.FlashStock && paid == orders && refused == options.FlashBuyers - orders,
            $"{orders} orders for {options.FlashStock} units, {paid} paid, {refused} refused with 409{Problems(done)}");
    }

    private static async Task ChaosAsync(ShopCluster cluster, Purchases purchases, ShopDatabase database, ChaosTimes chaos, ScaleReport report,
        CancellationToken cancellationToken)
    {
        var options = cluster.Options;
        var store = cluster.Store;
        var started = Stopwatch.GetTimestamp();
        var load = ClosedLoopAsync(purchases, "chaos", options.ChaosBuyers, options.ChaosTime, random =>
        {
            var lines = new List<(string, int)>();
            var count = random.NextDouble() < 0.2 ? 2 : 1;
            foreach (var sku in Pick(random, store, count))
            {
                lines.Add((sku, sku.StartsWith("RARE", StringComparison.Ordinal) ? random.Next(1, 3) : 1));
            }

            var roll = random.NextDouble();
            var intent = roll < options.CancelShare ? BuyerIntent.Cancel
                : roll < options.CancelShare + options.WalkAwayShare ? BuyerIntent.WalkAway
                : roll < options.CancelShare + options.WalkAwayShare + options.DeclinedFirstShare ? BuyerIntent.PayAfterADecline
                : BuyerIntent.Pay;
            return (lines, intent);
        }, options.Seed + 1000, cancellationToken);

        await Task.Delay(options.KillInstanceAfter, cancellationToken);
        await KillInstanceAsync(cluster, purchases, database, chaos, cancellationToken);
        var sinceStart = Stopwatch.GetElapsedTime(started);
        if (options.KillWorkerAfter > sinceStart)
        {
            await Task.Delay(options.KillWorkerAfter - sinceStart, cancellationToken);
        }

        options.Progress($"SIGKILL {cluster.ActiveWorker.Name} (pid {cluster.ActiveWorker.Id}), the active worker");
        cluster.ActiveWorker.Kill();
        chaos.WorkerKilledAt = cluster.ActiveWorker.KilledAt;
        var low = await purchases.BuyAsync("chaos", [(ScaleStore.Low, 4)], BuyerIntent.Pay, cancellationToken);
        var done = await load;
        done.Add(low);
        report.Figure("chaos purchases", $"{done.Count} purchases: {Outcomes(done)}", done.Count);
    }

    /// <summary>
    /// Holds the provider so that checkouts wait between reserving their stock and getting their payment, sends a few
    /// to the doomed instance, and kills it once their reservations are in the database: orders only reconciliation
    /// can finish (I4). The buyers' other requests to it die too.
    /// </summary>
    private static async Task KillInstanceAsync(ShopCluster cluster, Purchases purchases, ShopDatabase database, ChaosTimes chaos, CancellationToken cancellationToken)
    {
        var options = cluster.Options;
        var doomed = cluster.Instances[options.DoomedInstance];
        cluster.Sandbox.Latency = options.PaymentHold;
        var stranded = Enumerable.Range(0, 3).Select(i =>
            purchases.BuyAsync("chaos", [(cluster.Store.Plentiful[i % cluster.Store.Plentiful.Count], 1)], BuyerIntent.Pay, cancellationToken, at: doomed)).ToList();
        var deadline = DateTimeOffset.UtcNow + options.PaymentHold - TimeSpan.FromMilliseconds(500);
        while (DateTimeOffset.UtcNow < deadline)
        {
            var emails = purchases.All.Where(p => p.Phase == "chaos" && p.CheckoutInstance == doomed.Index && p.EndedAt is null).Select(p => p.Email).ToArray();
            if (await database.CountAsync("SELECT count(*) FROM orders WHERE email = ANY(@emails) AND payment_id IS NULL", cancellationToken, ("emails", emails)) >= 3)
            {
                break;
            }

            await Task.Delay(20, cancellationToken);
        }

        options.Progress($"SIGKILL {doomed.Process.Name} (pid {doomed.Process.Id}) with checkouts waiting for their payment");
        doomed.Process.Kill();
        chaos.InstanceKilledAt = doomed.Process.KilledAt;
        cluster.Sandbox.Latency = TimeSpan.Zero;
        await Task.WhenAll(stranded);
    }

    private static async Task<TimeSpan?> SettleAsync(ShopDatabase database, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < timeout)
        {
            var open = await database.CountAsync("""
                SELECT (SELECT count(*) FROM orders WHERE status = 'pending_payment') + (SELECT count(*) FROM outbox WHERE done_at IS NULL)
                """, cancellationToken);
            if (open == 0)
            {
                return Stopwatch.GetElapsedTime(started);
            }

            await Task.Delay(200, cancellationToken);
        }

        return null;
    }

    /// <summary>Buyers each starting a new purchase as soon as the last one ended, for a while; every purchase they made.</summary>
    private static async Task<List<Purchase>> ClosedLoopAsync(Purchases purchases, string phase, int buyers, TimeSpan duration,
        Func<Random, (IReadOnlyList<(string Sku, int Quantity)> Lines, BuyerIntent Intent)> choose, int seed, CancellationToken cancellationToken)
    {
        var end = Stopwatch.GetTimestamp() + (long)(duration.TotalSeconds * Stopwatch.Frequency);
        var loops = Enumerable.Range(0, buyers).Select(async buyer =>
        {
            var random = new Random(seed + buyer);
            var mine = new List<Purchase>();
            while (Stopwatch.GetTimestamp() < end)
            {
                var (lines, intent) = choose(random);
                mine.Add(await purchases.BuyAsync(phase, lines, intent, cancellationToken));
            }

            return mine;
        }).ToList();
        return [.. (await Task.WhenAll(loops)).SelectMany(mine => mine)];
    }

    private static HashSet<string> Pick(Random random, ScaleStore store, int count)
    {
        var chosen = new HashSet<string>(StringComparer.Ordinal);
        while (chosen.Count < count)
        {
            // A third of the lines are scarce teas: those pages change as they run low and sell out.
            chosen.Add(random.NextDouble() < 0.33 && store.Scarce.Count > 0
                ? store.Scarce[random.Next(store.Scarce.Count)]
                : store.Plentiful[random.Next(store.Plentiful.Count)]);
        }

        return chosen;
    }

    public static string Outcomes(IEnumerable<Purchase> purchases) =>
        string.Join(", ", purchases.GroupBy(p => p.Outcome).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}"));

    private static string Problems(IEnumerable<Purchase> purchases)
    {
        var problems = purchases.Where(p => p.Problem is not null).Select(p => p.Problem).Distinct().Take(3).ToList();
        return problems.Count == 0 ? "" : "; " + string.Join("; ", problems);
    }
}
