using Jamcart.Checkout.Storage;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Store;

/// <summary>The <c>outbox</c> table: messages written with their cause, read by the workers that act on them.</summary>
internal static class OutboxRecords
{
    private const int IdsPerStatement = 500;

    public static async Task EnqueueAsync(DbSession session, OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var command = session.Sql("""
            INSERT INTO outbox (kind, order_id, skus, created_at, attempts)
            VALUES (@kind, @order_id, @skus, @created_at, 0)
            """)
            .With("kind", message.Kind)
            .With("order_id", message.OrderId)
            .With("skus", TextLists.Join(message.Skus, "SKU"))
            .With("created_at", now);
        await session.ExecuteAsync(command, cancellationToken);
    }

    public static async Task<IReadOnlyList<OutboxEntry>> ListPendingAsync(DbSession session, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        await using var command = session.Sql("""
            SELECT id, kind, order_id, skus, created_at, attempts FROM outbox
            WHERE done_at IS NULL
            ORDER BY id
            LIMIT @limit
            """).With("limit", limit);
        return await session.QueryAsync(command, EntryOf, cancellationToken);
    }

    public static async Task<IReadOnlyList<OutboxEntry>> ListPendingAsync(
        DbSession session, IReadOnlyCollection<string> kinds, DateTimeOffset now, int limit, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        ArgumentOutOfRangeException.ThrowIfZero(kinds.Count);
        string[] list = [.. kinds.Distinct(StringComparer.Ordinal)];
        await using var command = session.Sql($"""
            SELECT id, kind, order_id, skus, created_at, attempts FROM outbox
            WHERE done_at IS NULL AND kind IN ({SqlParameters.Placeholders("kind", list.Length)})
              AND (retry_at IS NULL OR retry_at <= @now)
            ORDER BY id
            LIMIT @limit
            """).WithEach("kind", list).With("now", now).With("limit", limit);
        return await session.QueryAsync(command, EntryOf, cancellationToken);
    }

    private static OutboxEntry EntryOf(Row row) => new(
        row.Long("id"),
        new OutboxMessage(row.Text("kind"), row.NullableText("order_id"), TextLists.Split(row.Text("skus"))),
        row.Time("created_at"),
        row.Int("attempts"));

    public static async Task<bool> DeferAsync(DbSession session, long id, DateTimeOffset retryAt, CancellationToken cancellationToken)
    {
        await using var command = session.Sql("""
            UPDATE outbox SET attempts = attempts + 1, retry_at = @retry_at
            WHERE id = @id AND done_at IS NULL
            """).With("id", id).With("retry_at", retryAt);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }

    public static async Task MarkDoneAsync(DbSession session, IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken)
    {
        foreach (var chunk in ids.Distinct().Chunk(IdsPerStatement))
        {
            await using var command = session.Sql($"""
                UPDATE outbox SET done_at = @now
                WHERE done_at IS NULL AND id IN ({SqlParameters.Placeholders("id", chunk.Length)})
                """).With("now", now).WithEach("id", chunk);
            await session.ExecuteAsync(command, cancellationToken);
        }
    }
}
