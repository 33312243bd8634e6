using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Jamcart.Bench.Scale;

/// <summary>
/// The run's verdict, from the database, the provider, the published folder and the workers' logs: exactly the stock
/// sold, every order ended, every sale published, the standby's takeover, each outbox entry rebuilt once.
/// </summary>
internal sealed partial class ShopAudit(ShopCluster cluster, ShopDatabase database, ShopClient client, IReadOnlyList<Purchase> purchases,
    ChaosTimes chaos, ScaleReport report)
{
    private static readonly HashSet<(string Status, string State)> ReservationStates =
        [("paid", "sold"), ("canceled", "released"), ("expired", "released")];

    private List<OrderRow> _orders = [];

    private sealed record OrderRow(string Id, string Status, string Email, long Total, string Currency, string? PaymentId, DateTimeOffset UpdatedAt, string? Reason);

    private sealed record StockRow(string Sku, long Initial, long OnHand, long Reserved, long Sold, long ActiveReserved, long SoldReservations);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        _orders = await database.QueryAsync(
            "SELECT id, status, email, total, currency, payment_id, updated_at, status_reason FROM orders",
            row => new OrderRow(row.GetString(0), row.GetString(1), row.GetString(2), row.GetInt64(3), row.GetString(4),
                row.IsDBNull(5) ? null : row.GetString(5), ShopDatabase.Time(row.GetInt64(6)), row.IsDBNull(7) ? null : row.GetString(7)),
            cancellationToken);
        var stock = await database.QueryAsync("""
            SELECT p.sku, p.initial_stock, i.on_hand, i.reserved,
                COALESCE((SELECT sum(l.quantity) FROM order_lines l JOIN orders o ON o.id = l.order_id WHERE l.sku = p.sku AND o.status = 'paid'), 0),
                COALESCE((SELECT sum(r.quantity) FROM reservations r WHERE r.sku = p.sku AND r.state = 'active'), 0),
                COALESCE((SELECT sum(r.quantity) FROM reservations r WHERE r.sku = p.sku AND r.state = 'sold'), 0)
            FROM products p JOIN inventory i ON i.sku = p.sku
            ORDER BY p.sku
            """, row => new StockRow(row.GetString(0), row.GetInt64(1), row.GetInt64(2), row.GetInt64(3), row.GetInt64(4), row.GetInt64(5), row.GetInt64(6)),
            cancellationToken);

        report.Figure("orders", $"{_orders.Count}: " + string.Join(", ", _orders.GroupBy(o => o.Status).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}")),
            _orders.Count);
        CheckAnswers();
        CheckStock(stock);
        await CheckOrdersEndedAsync(cancellationToken);
        CheckBuyersAgree();
        CheckStranded();
        await CheckPaymentsAsync(cancellationToken);
        await CheckOutboxAsync(cancellationToken);
        CheckPublished(stock);
        CheckTakeover();
        await CheckRebuildsOnceAsync(cancellationToken);
    }

    private void CheckAnswers()
    {
        var failed = purchases.Where(p => p.Outcome == PurchaseOutcome.Failed).ToList();
        report.Check("no unexpected answers", failed.Count == 0, failed.Count == 0
            ? $"{purchases.Count} purchases: {ScaleScenario.Outcomes(purchases)}"
            : $"{failed.Count} purchases got answers a correct shop never gives: " + string.Join("; ", failed.Select(p => p.Problem).Distinct().Take(5)));
    }

    private void CheckStock(List<StockRow> stock)
    {
        var wrong = stock.Where(s => s.Initial - s.OnHand != s.Sold || s.SoldReservations != s.Sold || s.Reserved != s.ActiveReserved).ToList();
        var oversold = stock.Where(s => s.Sold > s.Initial || s.OnHand < 0).ToList();
        var sold = stock.Sum(s => s.Sold);
        report.Figure("units sold", $"{sold} units of {stock.Count} SKUs in {_orders.Count(o => o.Status == "paid")} paid orders", sold);
        report.Check("exactly the stock sold: units sold = paid order lines, counters match the reservations", wrong.Count == 0,
            wrong.Count == 0
                ? $"for all {stock.Count} SKUs, initial − on hand = paid order lines = sold reservations, reserved = running reservations"
                : string.Join("; ", wrong.Take(5).Select(s =>
                    $"{s.Sku}: initial {s.Initial} − on hand {s.OnHand} ≠ paid lines {s.Sold} (sold reservations {s.SoldReservations}), reserved {s.Reserved} vs running {s.ActiveReserved}")));
        report.Check("no oversell", oversold.Count == 0, oversold.Count == 0
            ? "no SKU sold more than its stock"
            : string.Join("; ", oversold.Select(s => $"{s.Sku}: {s.Sold} sold of {s.Initial}")));
        var flash = stock.Single(s => s.Sku == ScaleStore.Flash);
        report.Check("flash item sold out exactly", flash.Sold == flash.Initial && flash.OnHand == 0,
            $"{flash.Sold} of {flash.Initial} sold, {flash.OnHand} on hand");
    }

    private async Task CheckOrdersEndedAsync(CancellationToken cancellationToken)
    {
        var pending = _orders.Count(o => o.Status == "pending_payment");
        var states = await database.QueryAsync(
            "SELECT o.status, r.state, count(*) FROM reservations r JOIN orders o ON o.id = r.order_id GROUP BY o.status, r.state",
            row => (Status: row.GetString(0), State: row.GetString(1), Count: row.GetInt64(2)), cancellationToken);
        var mismatched = states.Where(s => !ReservationStates.Contains((s.Status, s.State))).ToList();
        report.Check("every order paid, canceled or expired, its reservations sold or released", pending == 0 && mismatched.Count == 0,
            pending == 0 && mismatched.Count == 0
                ? string.Join(", ", states.Select(s => $"{s.Count} {s.State} reservations of {s.Status} orders"))
                : $"{pending} orders pending; " + string.Join(", ", mismatched.Select(s => $"{s.Count} {s.State} reservations of {s.Status} orders")));
    }

    /// <summary>What each buyer saw must be what the database ended with; an order the buyer never heard of must have ended too.</summary>
    private void CheckBuyersAgree()
    {
        var byEmail = _orders.ToLookup(o => o.Email, StringComparer.Ordinal);
        var disagreements = new List<string>();
        foreach (var purchase in purchases)
        {
            var orders = byEmail[purchase.Email].ToList();
            string[] allowed = purchase.Outcome switch
            {
                PurchaseOutcome.Paid or PurchaseOutcome.LostAtConfirm => ["paid"],
                PurchaseOutcome.Canceled => ["canceled"],
                PurchaseOutcome.WalkedAway => ["expired"],
                PurchaseOutcome.LostAtCancel => ["canceled", "expired"],
                PurchaseOutcome.LostAtCheckout => ["canceled", "expired"],
                _ => [],
            };
            var mayHaveNone = purchase.Outcome is PurchaseOutcome.LostAtCheckout or PurchaseOutcome.OutOfStock or PurchaseOutcome.Failed;
            if (orders.Count > 1 || (orders.Count == 0 && !mayHaveNone) || orders.Any(o => !allowed.Contains(o.Status)))
            {
                disagreements.Add($"{purchase.Email} ({purchase.Outcome}): {(orders.Count == 0 ? "no order" : string.Join(", ", orders.Select(o => $"{o.Id} {o.Status}")))}");
            }
        }

        var unknown = _orders.Count(o => !purchases.Any(p => p.Email == o.Email));
        report.Check("each buyer's outcome is the order's status", disagreements.Count == 0 && unknown == 0,
            disagreements.Count == 0 && unknown == 0
                ? $"all {purchases.Count} purchases"
                : $"{unknown} orders of no buyer; " + string.Join("; ", disagreements.Take(5)));
    }

    private void CheckStranded()
    {
        var lost = purchases.Where(p => p.Outcome is PurchaseOutcome.LostAtCheckout or PurchaseOutcome.LostAtConfirm or PurchaseOutcome.LostAtCancel).ToList();
        var emails = lost.Select(p => p.Email).ToHashSet(StringComparer.Ordinal);
        var stranded = _orders.Where(o => emails.Contains(o.Email)).ToList();
        var atCheckout = lost.Where(p => p.Outcome == PurchaseOutcome.LostAtCheckout).Select(p => p.Email).ToHashSet(StringComparer.Ordinal);
        var reconciled = stranded.Where(o => atCheckout.Contains(o.Email)).ToList();
        var finished = reconciled.Count == 0 || chaos.InstanceKilledAt is null ? (TimeSpan?)null : reconciled.Max(o => o.UpdatedAt) - chaos.InstanceKilledAt.Value;
        report.Figure("stranded by the kill", $"{lost.Count} requests died with the instance ({Outcomes(lost)}); {stranded.Count} of them had an order: "
            + string.Join(", ", stranded.GroupBy(o => o.Status).Select(g => $"{g.Count()} {g.Key}")), stranded.Count);
        report.Figure("reconciliation", finished is { } time
            ? $"the last order stranded mid-checkout ended {ScaleScenario.Seconds(time)} after the kill ({reconciled.Count} orders; "
                + $"grace {ScaleScenario.Seconds(cluster.Options.PaymentCreationGrace)}, interval {ScaleScenario.Seconds(cluster.Options.ReconcileInterval)})"
            : "no order was stranded mid-checkout", finished?.TotalSeconds);
        report.Check("orders stranded by the killed instance are finished by reconciliation",
            reconciled.Count > 0 && reconciled.All(o => o.Status is "canceled" or "expired"),
            reconciled.Count == 0
                ? "the kill stranded no order mid-checkout, so nothing here tested reconciliation"
                : string.Join(", ", reconciled.GroupBy(o => $"{o.Status} ({o.Reason ?? "no reason"})").Select(g => $"{g.Count()} {g.Key}")));
    }

    /// <summary>I1 and I4 at the provider: every paid order's payment succeeded for its total, every other order's payment did not.</summary>
    private async Task CheckPaymentsAsync(CancellationToken cancellationToken)
    {
        using var parallel = new SemaphoreSlim(16);
        var problems = await Task.WhenAll(_orders.Select(async order =>
        {
            if (order.PaymentId is null)
            {
                return order.Status == "canceled" ? null : $"{order.Id} is {order.Status} without a payment";
            }

            await parallel.WaitAsync(cancellationToken);
            try
            {
                var payment = await client.GetPaymentAsync(order.PaymentId, cluster.Sandbox.SecretKey, cancellationToken);
                var status = payment?["status"]?.GetValue<string>();
                var succeeded = status == "succeeded";
                if (succeeded != (order.Status == "paid"))
                {
                    return $"{order.Id} is {order.Status}, its payment {status ?? "unknown"}";
                }

                var matches = payment!["amount"]!.GetValue<long>() == order.Total
                    && string.Equals(payment["currency"]!.GetValue<string>(), order.Currency, StringComparison.OrdinalIgnoreCase)
                    && payment["metadata"]?["order_id"]?.GetValue<string>() == order.Id;
                return matches ? null : $"{order.Id}: its payment is for another amount, currency or order";
            }
            finally
            {
                parallel.Release();
            }
        }));
        var wrong = problems.Where(p => p is not null).ToList();
        report.Check("payments match orders: a succeeded payment of the order's total exactly for each paid order", wrong.Count == 0,
            wrong.Count == 0 ? $"{_orders.Count(o => o.PaymentId is not null)} payments looked up at the provider" : string.Join("; ", wrong.Take(5)));
    }

    private async Task CheckOutboxAsync(CancellationToken cancellationToken)
    {
        var pending = await database.CountAsync("SELECT count(*) FROM outbox WHERE done_at IS NULL", cancellationToken);
        var duplicates = await database.QueryAsync(
            "SELECT order_id, kind, count(*) FROM outbox WHERE order_id IS NOT NULL GROUP BY order_id, kind HAVING count(*) > 1",
            row => $"{row.GetString(0)} {row.GetString(1)} ×{row.GetInt64(2)}", cancellationToken);
        var unannounced = await database.CountAsync(
            "SELECT count(*) FROM orders o WHERE o.status = 'paid' AND NOT EXISTS (SELECT 1 FROM outbox x WHERE x.order_id = o.id AND x.kind = 'order.paid')",
            cancellationToken);
        var entries = await database.CountAsync("SELECT count(*) FROM outbox", cancellationToken);
        report.Check("one outbox entry per state change, none pending", pending == 0 && duplicates.Count == 0 && unannounced == 0,
            $"{entries} entries, {pending} pending, {unannounced} paid orders without an order.paid entry"
            + (duplicates.Count == 0 ? ", no order with two entries of a kind" : "; twice: " + string.Join(", ", duplicates.Take(5))));
    }

    /// <summary>The published catalog and product pages show what the database says is available now.</summary>
    private void CheckPublished(List<StockRow> stock)
    {
        var root = cluster.PublishedRoot;
        var catalog = JsonNode.Parse(File.ReadAllText(Path.Combine(root, "catalog.json")))!["products"]!.AsObject();
        var wrong = new List<string>();
        foreach (var row in stock)
        {
            var available = row.OnHand - row.Reserved;
            var (code, low) = available <= 0 ? ("sold_out", 0L)
                : available <= cluster.Store.LowStockThreshold ? ("low_stock", available)
                : ("in_stock", 0L);
            if (catalog[row.Sku] is not JsonObject entry)
            {
                wrong.Add($"{row.Sku} is not in catalog.json");
                continue;
            }

            var shownCode = entry["availability"]?.GetValue<string>();
            var shownLow = entry["lowCount"]?.GetValue<long>() ?? 0;
            if (shownCode != code || shownLow != low)
            {
                wrong.Add($"{row.Sku}: catalog.json says {shownCode} {shownLow}, the database {code} {low} ({available} available)");
            }

            var page = File.ReadAllText(Path.Combine(root, entry["url"]!.GetValue<string>().TrimStart('/'), "index.html"));
            var badge = Badge().Matches(page).FirstOrDefault(m => m.Groups["sku"].Value == row.Sku);
            var schema = available <= 0 ? "https://schema.org/OutOfStock" : "https://schema.org/InStock";
            if (badge is null || badge.Groups["code"].Value != code || (low > 0 && !badge.Groups["text"].Value.Contains(low.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal))
                || !page.Contains($"\"availability\":\"{schema}\"", StringComparison.Ordinal))
            {
                wrong.Add($"{row.Sku}: its page shows {(badge is null ? "no badge" : $"{badge.Groups["code"].Value} '{badge.Groups["text"].Value}'")}, the database {code} {low}");
            }
        }

        var states = stock.GroupBy(s => s.OnHand - s.Reserved <= 0 ? "sold out" : s.OnHand - s.Reserved <= cluster.Store.LowStockThreshold ? "low" : "in stock")
            .Select(g => $"{g.Count()} {g.Key}");
        report.Check("published pages and catalog.json show the database's final stock", wrong.Count == 0,
            wrong.Count == 0 ? $"{stock.Count} SKUs ({string.Join(", ", states)})" : string.Join("; ", wrong.Take(5)));
    }

    private void CheckTakeover()
    {
        var killed = chaos.WorkerKilledAt;
        var standby = cluster.StandbyWorker.Lines;
        var active = standby.FirstOrDefault(line => line.Text.Contains(ShopCluster.ActiveLine, StringComparison.Ordinal));
        var firstRebuild = standby.FirstOrDefault(line => line.At >= active.At && line.Text.Contains(" outbox entries done: ", StringComparison.Ordinal));
        var takeover = killed is null || active.Text is null ? (TimeSpan?)null : active.At - killed.Value;
        report.Figure("takeover", takeover is { } time
            ? $"the standby held the lease {ScaleScenario.Seconds(time)} after the active worker's SIGKILL"
                + (firstRebuild.Text is null ? "" : $", published its first rebuild after {ScaleScenario.Seconds(firstRebuild.At - killed!.Value)}")
            : "the standby never took over", takeover?.TotalSeconds);
        if (firstRebuild.Text is not null)
        {
            report.Value("takeover to first rebuild", (firstRebuild.At - killed!.Value).TotalSeconds);
        }

        report.Check("the standby took over within a few seconds", takeover is { } t && t > TimeSpan.Zero && t <= cluster.Options.TakeoverLimit,
            takeover is null ? "no takeover" : $"{ScaleScenario.Seconds(takeover.Value)} (limit {ScaleScenario.Seconds(cluster.Options.TakeoverLimit)})");
    }

    /// <summary>
    /// From the workers' logs (<c>--verbose</c>): each outbox entry marked done by one rebuild only. Entries done but
    /// never logged can only be the killed worker's last, marked an instant before it died.
    /// </summary>
    private async Task CheckRebuildsOnceAsync(CancellationToken cancellationToken)
    {
        var done = (await database.QueryAsync("SELECT id, done_at FROM outbox WHERE done_at IS NOT NULL",
            row => (Id: row.GetInt64(0), DoneAt: ShopDatabase.Time(row.GetInt64(1))), cancellationToken)).ToDictionary(e => e.Id, e => e.DoneAt);
        var seen = new Dictionary<long, int>();
        var rebuilds = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var worker in new[] { cluster.ActiveWorker, cluster.StandbyWorker })
        {
            foreach (var line in worker.Lines)
            {
                if (Done().Match(line.Text) is not { Success: true } match)
                {
                    continue;
                }

                rebuilds[worker.Name] = rebuilds.GetValueOrDefault(worker.Name) + 1;
                foreach (var id in Ids(match.Groups["ids"].Value))
                {
                    seen[id] = seen.GetValueOrDefault(id) + 1;
                }
            }
        }

        var twice = seen.Where(pair => pair.Value > 1).Select(pair => pair.Key).ToList();
        var notDone = seen.Keys.Where(id => !done.ContainsKey(id)).ToList();
        var unlogged = done.Keys.Where(id => !seen.ContainsKey(id)).ToList();
        var unexplained = unlogged.Where(id => chaos.WorkerKilledAt is not { } killed || done[id] > killed).ToList();
        report.Figure("rebuilds", $"{string.Join(", ", rebuilds.Select(r => $"{r.Key} {r.Value}"))} rebuilds for {done.Count} outbox entries", done.Count);
        report.Check("no outbox entry rebuilt twice", twice.Count == 0 && notDone.Count == 0 && unexplained.Count == 0,
            twice.Count == 0 && notDone.Count == 0 && unexplained.Count == 0
                ? $"{seen.Count} entries each marked done by one rebuild"
                    + (unlogged.Count == 0 ? "" : $"; {unlogged.Count} marked by the killed worker just before its kill, before it could log them")
                : $"{twice.Count} marked by two rebuilds ({string.Join(",", twice.Take(10))}), {notDone.Count} logged but not done, {unexplained.Count} done but never logged");
    }

    private static IEnumerable<long> Ids(string ranges)
    {
        foreach (var range in ranges.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = range.IndexOf('-', StringComparison.Ordinal);
            var first = long.Parse(dash < 0 ? range : range[..dash], CultureInfo.InvariantCulture);
            var last = dash < 0 ? first : long.Parse(range[(dash + 1)..], CultureInfo.InvariantCulture);
            for (var id = first; id <= last; id++)
            {
                yield return id;
            }
        }
    }

    private static string Outcomes(IEnumerable<Purchase> lost) => ScaleScenario.Outcomes(lost);

    [GeneratedRegex("""<span class="badge badge-(?<code>[a-z_]+)" data-jamcart-stock="(?<sku>[^"]+)">(?<text>[^<]*)</span>""")]
    private static partial Regex Badge();

    [GeneratedRegex(@"Marked \d+ outbox entries done: (?<ids>[0-9,\-]+)")]
    private static partial Regex Done();
}
