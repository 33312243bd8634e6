using Jamcart.Checkout.Storage;
using Jamcart.Storage.Leases;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>
/// <see cref="IMaintenanceStore"/> on either engine. Each purge deletes a batch of ids chosen by a subquery, one
/// transaction per batch, so a backlog of millions of rows never holds the table's locks (on SQLite, the one write
/// lock every checkout waits for) longer than one batch takes. Both engines read the same SQL: neither PostgreSQL nor
/// a default SQLite build accepts <c>DELETE … LIMIT</c>, while both accept <c>IN (SELECT … LIMIT)</c>.
/// </summary>
internal sealed class SqlMaintenanceStore(Dialect dialect) : IMaintenanceStore
{
    // Small enough that a batch takes milliseconds, large enough that a day's outbox goes in a few round trips.
    internal const int BatchSize = 1000;

    public Task<int> PurgeOutboxAsync(DateTimeOffset doneBefore, int maxEntries, CancellationToken cancellationToken) =>
        PurgeAsync(
            """
            DELETE FROM outbox WHERE id IN (
                SELECT id FROM outbox WHERE done_at IS NOT NULL AND done_at < @before ORDER BY done_at LIMIT @limit)
            """,
            doneBefore,
            maxEntries,
            cancellationToken);

    public Task<int> PurgeProcessedEventsAsync(DateTimeOffset receivedBefore, int maxEvents, CancellationToken cancellationToken) =>
        PurgeAsync(
            """
            DELETE FROM processed_events WHERE event_id IN (
                SELECT event_id FROM processed_events WHERE received_at < @before ORDER BY received_at LIMIT @limit)
            """,
            receivedBefore,
            maxEvents,
            cancellationToken);

    public IWorkerLease CreateLease(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);

        // A maintenance run is short and may go through the functions' pooler: a transaction's lock suits both.
        return dialect.Kind == DatabaseKind.PostgreSql ? new PostgresTransactionLease(dialect, LeaseKeys.Of(name)) : dialect.CreateLease(name);
    }

    private async Task<int> PurgeAsync(string sql, DateTimeOffset before, int max, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        var purged = 0;
        while (purged < max)
        {
            int deleted;
            await using (var session = await dialect.BeginWriteAsync(cancellationToken))
            {
                await using var command = session.Sql(sql).With("before", before).With("limit", BatchSize);
                deleted = await session.ExecuteAsync(command, cancellationToken);
                await session.CommitAsync(cancellationToken);
            }

            purged += deleted;
            if (deleted < BatchSize)
            {
                break;
            }
        }

        return purged;
    }
}
