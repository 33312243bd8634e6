using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Storage.Idempotency;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary><see cref="ICheckoutStore"/> on either engine: reads on their own connection, changes in a write transaction.</summary>
internal sealed class SqlCheckoutStore(Dialect dialect) : ICheckoutStore
{
    private const int SkusPerStatement = 500;
    private const string SettingsQuery = $"SELECT {SettingsRecord.Columns} FROM settings WHERE id = 1";

    // An order reconciliation has to look at: listed and counted alike.
    private const string DueCondition = "reconcile_after IS NOT NULL AND reconcile_after <= @now";

    public async Task<ICheckoutTransaction> BeginAsync(CancellationToken cancellationToken)
    {
        // The request's deferred Idempotency-Key claim, if it has one still to make, goes with this transaction; its
        // stored key is made before the write begins.
        var pending = PendingClaim();
        return new SqlCheckoutTransaction(await dialect.BeginWriteAsync(cancellationToken), pending);
    }

    public async Task<bool> TryPlaceOrderAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var pending = PendingClaim();
        if (dialect.Kind == DatabaseKind.PostgreSql && InventoryStatements.UnitsPerSku(order).Count == 1)
        {
            return await TryPlaceOneSkuOrderAsync(order, pending, cancellationToken);
        }

        await using var transaction = new SqlCheckoutTransaction(await dialect.BeginWriteAsync(cancellationToken), pending);
        if (!await transaction.TryReserveAndInsertOrderAsync(order, cancellationToken))
        {
            return false;
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<bool> TryUpdateOrderAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        await using var session = await dialect.BeginStandaloneWritesAsync(cancellationToken);
        var updated = await OrderRecords.TryUpdateAsync(session, order, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return updated;
    }

    public async Task<bool> TryUpdateOrderAsync(Order order, IdempotencyCompletion completion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        ArgumentNullException.ThrowIfNull(completion);
        var stored = StoredKey.Of(completion.Key);
        var sealedBody = SealedAnswers.Seal(completion.Key, completion.Response.Body.Span);

        // The answer is kept only if the order was written. On PostgreSQL one statement, without the BEGIN and COMMIT
        // round trips, says so itself; on SQLite the transaction ends without a commit when the order was not written.
        var oneStatement = dialect.Kind == DatabaseKind.PostgreSql;
        var batch = OrderRecords.AddTryUpdate(new SqlBatch(), order, name: "written");
        SqlIdempotencyStore.AddComplete(
            batch, stored, sealedBody, completion.Response, completion.Now, oneStatement ? "EXISTS (SELECT 1 FROM written)" : null, "answered");
        int[] counts;
        if (oneStatement)
        {
            await using var standalone = await dialect.BeginStandaloneWritesAsync(cancellationToken);
            counts = await batch.ExecuteAsOneStatementAsync(standalone, ["written", "answered"], cancellationToken);
        }
        else
        {
            await using var session = await dialect.BeginWriteAsync(cancellationToken);
            counts = await batch.ExecuteCountingAsync(session, 2, cancellationToken);
            if (counts[0] == 1)
            {
                await session.CommitAsync(cancellationToken);
            }
        }

        if (counts[0] == 0)
        {
            return false;
        }

        if (counts[1] == 1)
        {
            completion.MarkStored();
        }

        return true;
    }

    public async Task<bool> PingAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var session = await dialect.OpenAsync(cancellationToken);
            await using var command = session.Sql("SELECT 1");
            return await session.LongAsync(command, cancellationToken) == 1;
        }
        catch (System.Data.Common.DbException)
        {
            return false;
        }
    }

    public async Task<StoreSettings?> GetSettingsAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql(SettingsQuery);
        return (await session.FirstOrDefaultAsync(command, SettingsRecord.Read, cancellationToken))?.ToSettings();
    }

    public async Task<CatalogPrices> GetPricesAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var chunks = SkuChunks(skus);
        var first = chunks.FirstOrDefault() ?? [];
        var prices = new SellablePrices();
        await using var session = await dialect.OpenAsync(cancellationToken);

        // The settings and the first SKUs (all of a checkout's) in one command: one round trip, one connection.
        await using var command = first.Length == 0
            ? session.Sql(SettingsQuery)
            : session.Sql(SettingsQuery + ";\n" + SellablePrices.Query(first.Length)).WithEach("sku", first).With("now", now);
        var (settings, products) = await session.QueryTwoAsync(command, SettingsRecord.Read, SellablePrices.Read, cancellationToken);
        prices.Add(products);
        await prices.AddAsync(session, chunks.Skip(1), now, cancellationToken);

        return new CatalogPrices(settings.FirstOrDefault()?.ToSettings(), prices.Items, prices.Unreserved, prices.Running);
    }

    private static List<string[]> SkuChunks(IReadOnlyCollection<string> skus) =>
        skus.Distinct(StringComparer.Ordinal).Chunk(SkusPerStatement).ToList();

    public async Task<IReadOnlyDictionary<string, InventoryLevel>> GetInventoryAsync(
        IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        return await InventoryStatements.GetRunningAsync(session, skus, now, InventoryStatements.Scope.All, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, InventoryLevel>> GetCatalogInventoryAsync(
        IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        return await InventoryStatements.GetRunningAsync(session, skus, now, InventoryStatements.Scope.InCatalog, cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, InventoryLevel>> GetSellableInventoryAsync(
        IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        return await InventoryStatements.GetRunningAsync(session, skus, now, InventoryStatements.Scope.Sellable, cancellationToken);
    }

    public async Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql($"SELECT {OrderRecords.Columns} FROM orders WHERE id = @id").With("id", orderId);
        return (await OrderRecords.QueryAsync(session, command, cancellationToken)).FirstOrDefault();
    }

    public async Task<Order?> GetOrderWithTokenAsync(string orderId, string tokenHash, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql($"SELECT {OrderRecords.Columns} FROM orders WHERE id = @id AND token_hash = @token_hash")
            .With("id", orderId).With("token_hash", tokenHash);
        return (await OrderRecords.QueryAsync(session, command, cancellationToken)).FirstOrDefault();
    }

    public async Task<Order?> FindOrderByPaymentIdAsync(string paymentId, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql($"SELECT {OrderRecords.Columns} FROM orders WHERE payment_id = @payment_id ORDER BY created_at, id LIMIT 1")
            .With("payment_id", paymentId);
        return (await OrderRecords.QueryAsync(session, command, cancellationToken)).FirstOrDefault();
    }

    public async Task<IReadOnlyList<Order>> ListOrdersAsync(OrderStatus? status, DateTimeOffset now, int limit, OrderCursor? after, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        var filters = new List<string>();
        if (status is not null)
        {
            filters.Add(status switch
            {
                OrderStatus.PendingPayment => "status = @status AND reserved_until > @now",
                OrderStatus.Expired => "(status = @status OR (status = @pending AND reserved_until <= @now))",
                _ => "status = @status",
            });
        }

        if (after is not null)
        {
            filters.Add("(created_at, id) < (@after_created_at, @after_id)");
        }

        var where = filters.Count == 0 ? "" : "WHERE " + string.Join(" AND ", filters);
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql($"SELECT {OrderRecords.Columns} FROM orders {where} ORDER BY created_at DESC, id DESC LIMIT @limit")
            .With("limit", limit);
        if (status is { } wanted)
        {
            command.With("status", OrderStatuses.ToWire(wanted));
            if (wanted is OrderStatus.PendingPayment or OrderStatus.Expired)
            {
                command.With("now", now);
            }

            if (wanted is OrderStatus.Expired)
            {
                command.With("pending", OrderStatuses.ToWire(OrderStatus.PendingPayment));
            }
        }

        if (after is not null)
        {
            command.With("after_created_at", after.CreatedAt).With("after_id", after.Id);
        }

        return await OrderRecords.QueryAsync(session, command, cancellationToken);
    }

    public async Task<IReadOnlyList<OrderRefund>> GetRefundsAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql("""
            SELECT id, amount, currency, created_at, status, failure_reason, answered, request_key FROM refunds
            WHERE order_id = @order_id ORDER BY created_at, COALESCE(seq, 0), id
            """).With("order_id", orderId);
        return await session.QueryAsync(
            command,
            row => new OrderRefund(row.Text("id"), new Money(row.Long("amount"), Currency.Get(row.Text("currency"))), row.Time("created_at"))
            {
                Status = row.Text("status"),
                FailureReason = row.NullableText("failure_reason"),
                Answered = row.Flag("answered"),
                RequestKey = row.NullableText("request_key"),
            },
            cancellationToken);
    }

    public async Task RecordRefundAttemptAsync(string orderId, RefundAttempt attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(attempt);
        await using var session = await dialect.BeginStandaloneWritesAsync(cancellationToken);
        // A retry of the same refund (the same key) keeps the first attempt's row: it is the same refund at the provider.
        await using var command = session.Sql("""
            INSERT INTO refund_attempts (request_key, order_id, amount, started_at) VALUES (@request_key, @order_id, @amount, @started_at)
            ON CONFLICT (request_key) DO NOTHING
            """)
            .With("request_key", attempt.RequestKey)
            .With("order_id", orderId)
            .With("amount", attempt.Amount)
            .With("started_at", attempt.StartedAt);
        await session.ExecuteAsync(command, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<RefundAttempt>> GetRefundAttemptsAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql("""
            SELECT request_key, amount, started_at FROM refund_attempts WHERE order_id = @order_id ORDER BY started_at, request_key
            """).With("order_id", orderId);
        return await session.QueryAsync(
            command,
            row => new RefundAttempt(row.Text("request_key"), row.Long("amount"), row.Time("started_at")),
            cancellationToken);
    }

    public async Task<IReadOnlyList<OrderDispute>> GetDisputesAsync(string orderId, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql("""
            SELECT id, amount, currency, reason, status, due_by, created_at FROM disputes WHERE order_id = @order_id ORDER BY created_at, id
            """).With("order_id", orderId);
        return await session.QueryAsync(
            command,
            row => new OrderDispute(
                row.Text("id"),
                new Money(row.Long("amount"), Currency.Get(row.Text("currency"))),
                row.Text("reason"),
                row.Text("status"),
                row.NullableTime("due_by"),
                row.Time("created_at")),
            cancellationToken);
    }

    public async Task<IReadOnlyList<Order>> ListOrdersDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql($"""
            SELECT {OrderRecords.Columns} FROM orders
            WHERE {DueCondition}
            ORDER BY reconcile_after, id
            LIMIT @limit
            """).With("now", now).With("limit", limit);
        return await OrderRecords.QueryAsync(session, command, cancellationToken);
    }

    public async Task<long> CountOrdersDueAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql($"SELECT COUNT(*) FROM orders WHERE {DueCondition}")
            .With("now", now);
        return await session.LongAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListPendingOutboxAsync(int limit, CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        return await OutboxRecords.ListPendingAsync(session, limit, cancellationToken);
    }

    public async Task<IReadOnlyList<OutboxEntry>> ListPendingOutboxAsync(
        IReadOnlyCollection<string> kinds, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(kinds);
        await using var session = await dialect.OpenAsync(cancellationToken);
        return await OutboxRecords.ListPendingAsync(session, kinds, now, limit, cancellationToken);
    }

    public async Task<bool> DeferOutboxAsync(long id, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginStandaloneWritesAsync(cancellationToken);
        var deferred = await OutboxRecords.DeferAsync(session, id, retryAt, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return deferred;
    }

    public async Task MarkOutboxDoneAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ids);
        if (ids.Count == 0)
        {
            return;
        }

        await using var session = await dialect.BeginWriteAsync(cancellationToken);
        await OutboxRecords.MarkDoneAsync(session, ids, now, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    public async Task<CatalogSyncResult> SyncCatalogAsync(
        StoreSettings settings, IReadOnlyList<CatalogItem> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(items);
        await using var session = await dialect.BeginWriteAsync(cancellationToken);
        var result = await CatalogSync.RunAsync(session, settings, items, now, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return result;
    }

    /// <summary>The request's deferred <c>Idempotency-Key</c> claim, if it has one still to make, with its key as stored (made before any write begins).</summary>
    private static (DeferredClaim Claim, StoredKey Key)? PendingClaim() =>
        DeferredClaim.Pending is { } claim ? (claim, StoredKey.Of(claim.Key)) : null;

    /// <summary>
    /// <see cref="TryPlaceOrderAsync"/> for an order of one SKU on PostgreSQL: one statement, so one round trip without
    /// a BEGIN or a COMMIT (against two, and the two statements, of a transaction), and atomic all the same. With one
    /// SKU there is one counter to reserve, and nothing is written unless it is; an order of several SKUs, whose first
    /// counters would stay reserved when a later one fell short, takes the transaction.
    /// </summary>
    /// <remarks>
    /// The claim comes first and everything else depends on it, as in the transaction. When the claim is made but the
    /// SKU falls short, the claim stays (it is committed with the statement): the request then holds it, as if made by
    /// a transaction of its own, and ends it as usual.
    /// </remarks>
    private async Task<bool> TryPlaceOneSkuOrderAsync(Order order, (DeferredClaim Claim, StoredKey Key)? pending, CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        string? claimed = null;
        if (pending is var (claim, key))
        {
            SqlIdempotencyStore.AddClaim(batch, key, claim.RequestHash, claim.Now, claim.LockedUntil, order.Id, "claimed");
            claimed = "EXISTS (SELECT 1 FROM claimed)";
        }

        var (sku, quantity) = InventoryStatements.UnitsPerSku(order).Single();
        InventoryStatements.AddReserve(batch, 0, sku, quantity, claimed, "reserved");
        OrderRecords.AddInsert(batch, order, "EXISTS (SELECT 1 FROM reserved)");
        InventoryStatements.AddReservations(batch, order, "EXISTS (SELECT 1 FROM reserved)");

        await using var session = await dialect.BeginStandaloneWritesAsync(cancellationToken);
        var rows = await batch.ExecuteAsOneStatementAsync(session, pending is null ? ["reserved"] : ["claimed", "reserved"], cancellationToken);
        if (pending is { } made)
        {
            if (rows[0] == 0)
            {
                throw new IdempotencyKeyTakenException(made.Claim.Key);
            }

            made.Claim.MarkMade();
        }

        return rows[^1] == 1;
    }
}
