using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>
/// Stock as counters (invariant I2). <c>inventory.reserved</c> is the sum of the SKU's 'active' reservations, and each
/// statement below that changes one changes the other in the same transaction. A reservation or a sale is then one
/// conditional UPDATE of the SKU's own row, which both engines decide on the newest row: SQLite because one writer
/// runs at a time, PostgreSQL because READ COMMITTED re-checks the WHERE clause of an UPDATE against the row version
/// it waited for. Availability is never computed from another table inside such an UPDATE, since PostgreSQL would not
/// re-check that table after the wait.
/// </summary>
internal static class InventoryStatements
{
    /// <summary>
    /// The condition of a reservation that ran out at <c>@now</c> but still counts in <c>inventory.reserved</c> (nothing
    /// released it yet), over the columns of <c>reservations</c>; the partial index over running reservations' expiry
    /// serves it.
    /// </summary>
    public const string RanOut = "state = 'active' AND expires_at <= @now";

    private const int SkusPerStatement = 500;

    public static async Task<long> ReleaseExpiredAsync(DbSession session, string sku, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var release = session.Sql($"""
            UPDATE reservations SET state = 'released'
            WHERE sku = @sku AND {RanOut}
            RETURNING quantity
            """).With("sku", sku).With("now", now);
        var freed = (await session.QueryAsync(release, row => (long)row.Int("quantity"), cancellationToken)).Sum();
        if (freed > 0)
        {
            await using var counter = session.Sql("UPDATE inventory SET reserved = reserved - @freed WHERE sku = @sku")
                .With("freed", freed).With("sku", sku);
            await session.ExecuteAsync(counter, cancellationToken);
        }

        return freed;
    }

    public static async Task<bool> TryReserveAsync(DbSession session, string sku, int quantity, CancellationToken cancellationToken) =>
        (await AddReserve(new SqlBatch(), 0, sku, quantity).ExecuteCountingAsync(session, 1, cancellationToken))[0] == 1;

    /// <summary>
    /// Adds the reservation of <paramref name="quantity"/> units, as the batch's <paramref name="index"/>-th, to
    /// <paramref name="batch"/>: one conditional UPDATE of the SKU's counters, which returns a row when it reserved them.
    /// </summary>
    /// <param name="onlyIf">A further condition (see <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>); none by default.</param>
    /// <param name="name">Its name in <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>.</param>
    public static SqlBatch AddReserve(SqlBatch batch, int index, string sku, int quantity, string? onlyIf = null, string? name = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        return batch.Add(
            $"""
            UPDATE inventory SET reserved = reserved + @reserve{index}_quantity
            WHERE sku = @reserve{index}_sku AND on_hand - reserved >= @reserve{index}_quantity{(onlyIf is null ? "" : " AND " + onlyIf)}
            RETURNING sku
            """,
            command => command.With($"reserve{index}_quantity", quantity).With($"reserve{index}_sku", sku),
            name);
    }

    /// <summary>Adds one running reservation per SKU of the order, for the units <see cref="TryReserveAsync"/> counted, to <paramref name="batch"/>.</summary>
    /// <param name="onlyIf">A condition the rows are inserted under (see <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>); none by default.</param>
    public static SqlBatch AddReservations(SqlBatch batch, Order order, string? onlyIf = null)
    {
        var reserved = UnitsPerSku(order);
        if (reserved.Count == 0)
        {
            return batch;
        }

        // Each row only for a SKU the store has, so that in TryReserveAndInsertOrderAsync's batch, which runs it whatever
        // the reservations before it found, an unknown SKU is a reservation refused rather than a broken foreign key.
        var rows = string.Join("\nUNION ALL ", Enumerable.Range(0, reserved.Count).Select(i =>
            $"SELECT @reserved_order_id, sku, @reserved{i}_quantity, @reserved_until, 'active' FROM inventory WHERE sku = @reserved{i}_sku"
            + (onlyIf is null ? "" : " AND " + onlyIf)));
        return batch.Add($"INSERT INTO reservations (order_id, sku, quantity, expires_at, state)\n{rows}", command =>
        {
            command.With("reserved_order_id", order.Id).With("reserved_until", order.ReservedUntil);
            for (var i = 0; i < reserved.Count; i++)
            {
                command.With($"reserved{i}_sku", reserved[i].Sku).With($"reserved{i}_quantity", reserved[i].Quantity);
            }
        });
    }

    /// <summary>The units an order reserves of each of its SKUs, in ordinal SKU order (the order every transaction locks them in).</summary>
    public static List<(string Sku, int Quantity)> UnitsPerSku(Order order) =>
        [.. order.Lines.GroupBy(line => line.Sku, StringComparer.Ordinal)
            .Select(lines => (Sku: lines.Key, Quantity: lines.Sum(line => line.Quantity)))
            .OrderBy(line => line.Sku, StringComparer.Ordinal)];

    /// <summary>The counters as they stand in this transaction.</summary>
    public static async Task<InventoryLevel?> GetCountersAsync(DbSession session, string sku, CancellationToken cancellationToken)
    {
        await using var command = session.Sql("SELECT sku, on_hand, reserved FROM inventory WHERE sku = @sku").With("sku", sku);
        return await session.FirstOrDefaultAsync(command, ReadLevel, cancellationToken);
    }

    /// <summary>
    /// Stock counting only reservations running at <paramref name="now"/>, whether or not anything released the others
    /// yet: the counter of 'active' ones less those that ran out, which are few wherever reconciliation runs, and which
    /// the index over running reservations' expiry finds without reading the running ones. One statement, so that the
    /// counter and the reservations are read as of the same moment.
    /// </summary>
    /// <param name="scope">Which of the SKUs with stock are answered.</param>
    public static async Task<Dictionary<string, InventoryLevel>> GetRunningAsync(
        DbSession session, IReadOnlyCollection<string> skus, DateTimeOffset now, Scope scope, CancellationToken cancellationToken)
    {
        var forSale = scope switch
        {
            Scope.Sellable => "JOIN products p ON p.sku = i.sku AND p.draft = 0 AND p.removed = 0",
            Scope.InCatalog => "JOIN products p ON p.sku = i.sku AND p.removed = 0",
            _ => "",
        };
        var levels = new Dictionary<string, InventoryLevel>(StringComparer.Ordinal);
        foreach (var chunk in skus.Distinct(StringComparer.Ordinal).Chunk(SkusPerStatement))
        {
            var named = SqlParameters.Placeholders("sku", chunk.Length);
            await using var command = session.Sql($"""
                WITH ran_out AS (
                    SELECT sku, SUM(quantity) AS units FROM reservations
                    WHERE {RanOut} AND sku IN ({named})
                    GROUP BY sku)
                SELECT i.sku, i.on_hand, i.reserved - COALESCE(ran_out.units, 0) AS reserved
                FROM inventory i {forSale} LEFT JOIN ran_out ON ran_out.sku = i.sku
                WHERE i.sku IN ({named})
                """).With("now", now).WithEach("sku", chunk);
            foreach (var level in await session.QueryAsync(command, ReadLevel, cancellationToken))
            {
                levels[level.Sku] = level;
            }
        }

        return levels;
    }

    public static async Task<IReadOnlyList<OrderLineQuantity>> ReleaseOrderAsync(DbSession session, string orderId, CancellationToken cancellationToken)
    {
        await using var release = session.Sql("""
            UPDATE reservations SET state = 'released'
            WHERE order_id = @order_id AND state = 'active'
            RETURNING sku, quantity
            """).With("order_id", orderId);
        var released = await session.QueryAsync(release, row => new OrderLineQuantity(row.Text("sku"), row.Int("quantity")), cancellationToken);

        // Counters in SKU order, the order every transaction locks them in, so that two cannot wait on each other.
        released.Sort((a, b) => string.CompareOrdinal(a.Sku, b.Sku));
        foreach (var line in released)
        {
            await using var counter = session.Sql("UPDATE inventory SET reserved = reserved - @quantity WHERE sku = @sku")
                .With("quantity", line.Quantity).With("sku", line.Sku);
            await session.ExecuteAsync(counter, cancellationToken);
        }

        return released;
    }

    public static async Task<SellOutcome> SellReservedAsync(DbSession session, string orderId, string sku, CancellationToken cancellationToken)
    {
        // Locks the reservation first (PostgreSQL), so a release racing this sale waits and then finds it sold.
        await using var find = session.Sql($"""
            SELECT quantity FROM reservations
            WHERE order_id = @order_id AND sku = @sku AND state = 'active'{session.Dialect.ForUpdate}
            """).With("order_id", orderId).With("sku", sku);
        if (await session.QueryAsync(find, row => row.Int("quantity"), cancellationToken) is not [var quantity])
        {
            return SellOutcome.NotReserved;
        }

        await using var sell = session.Sql("""
            UPDATE inventory SET on_hand = on_hand - @quantity, reserved = reserved - @quantity
            WHERE sku = @sku AND on_hand >= @quantity
            """).With("quantity", quantity).With("sku", sku);
        if (await session.ExecuteAsync(sell, cancellationToken) != 1)
        {
            return SellOutcome.InsufficientStock;
        }

        await using var mark = session.Sql("""
            UPDATE reservations SET state = 'sold'
            WHERE order_id = @order_id AND sku = @sku AND state = 'active'
            """).With("order_id", orderId).With("sku", sku);
        await session.ExecuteAsync(mark, cancellationToken);
        return SellOutcome.Sold;
    }

    public static async Task<bool> TrySellUnreservedAsync(DbSession session, string sku, int quantity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        await using var command = session.Sql("""
            UPDATE inventory SET on_hand = on_hand - @quantity
            WHERE sku = @sku AND on_hand - reserved >= @quantity
            """).With("quantity", quantity).With("sku", sku);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }

    public static async Task RestockAsync(DbSession session, string sku, int quantity, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(quantity);
        await using var command = session.Sql("UPDATE inventory SET on_hand = on_hand + @quantity WHERE sku = @sku")
            .With("quantity", quantity).With("sku", sku);
        await session.ExecuteAsync(command, cancellationToken);
    }

    public static async Task<bool> IsInCatalogAsync(DbSession session, string sku, CancellationToken cancellationToken)
    {
        await using var command = session.Sql("SELECT sku FROM products WHERE sku = @sku AND removed = 0").With("sku", sku);
        return await session.FirstOrDefaultAsync(command, row => row.Text("sku"), cancellationToken) is not null;
    }

    public static async Task<InventoryLevel?> SetOnHandAsync(DbSession session, string sku, long onHand, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(onHand);
        await using var command = session.Sql("UPDATE inventory SET on_hand = @on_hand WHERE sku = @sku RETURNING sku, on_hand, reserved")
            .With("on_hand", onHand).With("sku", sku);
        return await session.FirstOrDefaultAsync(command, ReadLevel, cancellationToken);
    }

    /// <summary>Which SKUs <see cref="GetRunningAsync"/> answers for.</summary>
    public enum Scope
    {
        /// <summary>Every SKU with stock, removed ones included.</summary>
        All,

        /// <summary>SKUs in the synced catalog and still in the store, drafts included.</summary>
        InCatalog,

        /// <summary>SKUs for sale: in the synced catalog, neither a draft nor removed.</summary>
        Sellable,
    }

    private static InventoryLevel ReadLevel(Row row) => new(row.Text("sku"), row.Long("on_hand"), row.Long("reserved"));
}
