using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Storage.Idempotency;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary><see cref="ICheckoutTransaction"/> on one write session of either engine.</summary>
/// <param name="pending">
/// The request's deferred <c>Idempotency-Key</c> claim, when it is this transaction's to make, with its key as the table
/// keeps it (made before the write began): made with the first statements (in the same round trip as
/// <see cref="TryReserveAndInsertOrderAsync"/>'s), held once this commits.
/// </param>
internal sealed class SqlCheckoutTransaction(DbSession session, (DeferredClaim Claim, StoredKey Key)? pending = null) : ICheckoutTransaction
{
    private bool _claimPending = pending is not null;

    public async Task<bool> TryReserveAndInsertOrderAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        var batch = new SqlBatch();
        var claimed = TakePendingClaim(batch, order.Id);
        var reserved = InventoryStatements.UnitsPerSku(order);
        for (var i = 0; i < reserved.Count; i++)
        {
            InventoryStatements.AddReserve(batch, i, reserved[i].Sku, reserved[i].Quantity);
        }

        OrderRecords.AddInsert(batch, order);
        InventoryStatements.AddReservations(batch, order);

        // One round trip on PostgreSQL; the order and its reservations are inserted whatever the counts, and undone
        // with everything else when the caller, told false, ends the transaction without committing.
        var counts = await batch.ExecuteCountingAsync(session, claimed + reserved.Count, cancellationToken);
        ThrowIfClaimRefused(claimed, counts);
        return counts.Skip(claimed).All(count => count == 1);
    }

    public async Task<Order?> GetOrderForUpdateAsync(string orderId, CancellationToken cancellationToken)
    {
        var session = await ReadyAsync(cancellationToken);
        await using var command = session.Sql($"SELECT {OrderRecords.Columns} FROM orders WHERE id = @id{session.Dialect.ForUpdate}")
            .With("id", orderId);
        return (await OrderRecords.QueryAsync(session, command, cancellationToken)).FirstOrDefault();
    }

    public async Task<long> ReleaseExpiredReservationsAsync(string sku, DateTimeOffset now, CancellationToken cancellationToken) =>
        await InventoryStatements.ReleaseExpiredAsync(await ReadyAsync(cancellationToken), sku, now, cancellationToken);

    public async Task<bool> TryReserveAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        await InventoryStatements.TryReserveAsync(await ReadyAsync(cancellationToken), sku, quantity, cancellationToken);

    public async Task<InventoryLevel?> GetInventoryAsync(string sku, CancellationToken cancellationToken) =>
        await InventoryStatements.GetCountersAsync(await ReadyAsync(cancellationToken), sku, cancellationToken);

    public async Task InsertOrderAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        // One round trip for the order, its lines and its reservations.
        var batch = OrderRecords.AddInsert(new SqlBatch(), order);
        InventoryStatements.AddReservations(batch, order);
        if (pending is var (_, key))
        {
            // The claim was made by an earlier statement of this transaction, before the order had a row.
            SqlIdempotencyStore.AddOrderOfClaim(batch, key, order.Id);
        }

        await batch.ExecuteAsync(await ReadyAsync(cancellationToken), cancellationToken);
    }

    public async Task<bool> DeleteUnseenOrderAsync(string orderId, CancellationToken cancellationToken) =>
        await OrderRecords.DeleteUnseenAsync(await ReadyAsync(cancellationToken), orderId, cancellationToken);

    public async Task<bool> TryUpdateOrderAsync(Order order, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(order);
        return await OrderRecords.TryUpdateAsync(await ReadyAsync(cancellationToken), order, cancellationToken);
    }

    public async Task<IReadOnlyList<OrderLineQuantity>> ReleaseReservationsAsync(string orderId, CancellationToken cancellationToken) =>
        await InventoryStatements.ReleaseOrderAsync(await ReadyAsync(cancellationToken), orderId, cancellationToken);

    public async Task<SellOutcome> SellReservedAsync(string orderId, string sku, CancellationToken cancellationToken) =>
        await InventoryStatements.SellReservedAsync(await ReadyAsync(cancellationToken), orderId, sku, cancellationToken);

    public async Task<bool> TrySellUnreservedAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        await InventoryStatements.TrySellUnreservedAsync(await ReadyAsync(cancellationToken), sku, quantity, cancellationToken);

    public async Task RestockAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        await InventoryStatements.RestockAsync(await ReadyAsync(cancellationToken), sku, quantity, cancellationToken);

    public async Task<bool> IsInCatalogAsync(string sku, CancellationToken cancellationToken) =>
        await InventoryStatements.IsInCatalogAsync(await ReadyAsync(cancellationToken), sku, cancellationToken);

    public async Task<InventoryLevel?> SetOnHandAsync(string sku, long onHand, CancellationToken cancellationToken) =>
        await InventoryStatements.SetOnHandAsync(await ReadyAsync(cancellationToken), sku, onHand, cancellationToken);

    public async Task<bool> TryRecordEventAsync(string eventId, string type, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var session = await ReadyAsync(cancellationToken);
        // ON CONFLICT DO NOTHING waits for a concurrent insert of the same id to commit, then inserts nothing: one wins.
        await using var command = session.Sql("""
            INSERT INTO processed_events (event_id, type, received_at) VALUES (@event_id, @type, @received_at)
            ON CONFLICT (event_id) DO NOTHING
            """).With("event_id", eventId).With("type", type).With("received_at", now);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }

    public Task<bool> TryInsertRefundAsync(string orderId, OrderRefund refund, CancellationToken cancellationToken) =>
        InsertRefundAsync(orderId, refund, "ON CONFLICT (id) DO NOTHING", cancellationToken);

    public Task<bool> TryAnswerRefundAsync(string orderId, OrderRefund refund, CancellationToken cancellationToken) =>
        InsertRefundAsync(orderId, refund with { Answered = true }, "ON CONFLICT (id) DO UPDATE SET answered = 1 WHERE refunds.answered = 0", cancellationToken);

    public async Task ForgetRefundAttemptAsync(string requestKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(requestKey);
        var session = await ReadyAsync(cancellationToken);
        await using var command = session.Sql("DELETE FROM refund_attempts WHERE request_key = @request_key").With("request_key", requestKey);
        await session.ExecuteAsync(command, cancellationToken);
    }

    public async Task<bool> TrySetRefundStatusAsync(string refundId, string status, string? failureReason, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(status);
        var session = await ReadyAsync(cancellationToken);
        await using var command = session.Sql("""
            UPDATE refunds SET status = @status, failure_reason = @failure_reason
            WHERE id = @id AND (status <> @status OR failure_reason IS DISTINCT FROM @failure_reason)
                AND (status NOT IN (@failed, @canceled) OR @status IN (@failed, @canceled))
            """)
            .With("failed", RefundStatuses.Failed)
            .With("canceled", RefundStatuses.Canceled)
            .With("id", refundId)
            .With("status", status)
            .With("failure_reason", failureReason);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }

    public async Task<bool> TryRecordDisputeAsync(string orderId, OrderDispute dispute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        var session = await ReadyAsync(cancellationToken);
        // The decided rule is the caller's (OrderDispute.Decided); @decided carries it, so that a late report of an
        // open dispute changes nothing even if two reports race.
        await using var command = session.Sql("""
            INSERT INTO disputes (id, order_id, amount, currency, reason, status, due_by, created_at)
            VALUES (@id, @order_id, @amount, @currency, @reason, @status, @due_by, @created_at)
            ON CONFLICT (id) DO UPDATE SET amount = @amount, reason = @reason, status = @status, due_by = @due_by
            WHERE (disputes.status <> @status OR disputes.reason <> @reason OR disputes.amount <> @amount
                    OR disputes.due_by IS DISTINCT FROM @due_by)
                AND (@decided = 1 OR disputes.status NOT IN (@won, @lost))
            """)
            .With("id", dispute.Id)
            .With("order_id", orderId)
            .With("amount", dispute.Amount.Minor)
            .With("currency", dispute.Amount.Currency.Code)
            .With("reason", dispute.Reason)
            .With("status", dispute.Status)
            .With("due_by", dispute.DueBy)
            .With("created_at", dispute.CreatedAt)
            .With("decided", dispute.Decided)
            .With("won", DisputeStatuses.Won)
            .With("lost", DisputeStatuses.Lost);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }

    public async Task EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        await OutboxRecords.EnqueueAsync(await ReadyAsync(cancellationToken), message, now, cancellationToken);
    }

    public async Task CommitAsync(CancellationToken cancellationToken)
    {
        // A transaction that ran nothing still makes the claim it was begun with: it is the request's first write.
        await (await ReadyAsync(cancellationToken)).CommitAsync(cancellationToken);
        pending?.Claim.MarkMade();
    }

    public ValueTask DisposeAsync() => session.DisposeAsync();

    /// <summary>The session, once the pending claim (if any) is made; throws when the key turns out to be taken.</summary>
    private ValueTask<DbSession> ReadyAsync(CancellationToken cancellationToken) =>
        _claimPending ? new(MakePendingClaimAsync(cancellationToken)) : new(session);

    private async Task<DbSession> MakePendingClaimAsync(CancellationToken cancellationToken)
    {
        var batch = new SqlBatch();
        var claimed = TakePendingClaim(batch);
        ThrowIfClaimRefused(claimed, await batch.ExecuteCountingAsync(session, claimed, cancellationToken));
        return session;
    }

    /// <summary>The key's record was there already: this request must not run on (the caller disposes, undoing the rest).</summary>
    private void ThrowIfClaimRefused(int claimed, int[] counts)
    {
        if (claimed == 1 && counts[0] == 0)
        {
            throw new IdempotencyKeyTakenException(pending!.Value.Claim.Key);
        }
    }

    /// <summary>Adds the pending claim's statement to <paramref name="batch"/>, once; how many statements it added (0 or 1).</summary>
    /// <param name="orderId">The order this transaction places, if it is known already.</param>
    private int TakePendingClaim(SqlBatch batch, string? orderId = null)
    {
        if (!_claimPending)
        {
            return 0;
        }

        _claimPending = false;
        var (claim, key) = pending!.Value;
        SqlIdempotencyStore.AddClaim(batch, key, claim.RequestHash, claim.Now, claim.LockedUntil, orderId);
        return 1;
    }

    private async Task<bool> InsertRefundAsync(string orderId, OrderRefund refund, string onConflict, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(refund);
        var session = await ReadyAsync(cancellationToken);
        // Numbered within the order as recorded; the callers hold the order's lock, so two cannot take one number.
        await using var command = session.Sql($"""
            INSERT INTO refunds (id, order_id, amount, currency, created_at, seq, status, failure_reason, answered, request_key)
            VALUES (@id, @order_id, @amount, @currency, @created_at, (SELECT COALESCE(MAX(seq), 0) + 1 FROM refunds WHERE order_id = @order_id),
                @status, @failure_reason, @answered, @request_key)
            {onConflict}
            """)
            .With("id", refund.Id)
            .With("order_id", orderId)
            .With("amount", refund.Amount.Minor)
            .With("currency", refund.Amount.Currency.Code)
            .With("created_at", refund.CreatedAt)
            .With("status", refund.Status)
            .With("failure_reason", refund.FailureReason)
            .With("answered", refund.Answered)
            .With("request_key", refund.RequestKey);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }
}
