using Jamcart.Storage.Sql;

namespace Jamcart.Storage.RateLimits;

/// <summary>
/// Fixed-window request counters in the store database (<c>rate_limit_windows</c>), so that every process sharing the
/// database counts a client's requests together: the functions' shared rate limits.
/// </summary>
/// <remarks>
/// A hit is one statement, an upsert that adds one and returns the new count; two processes counting the same window
/// at once each get their own count, never the same one twice. On PostgreSQL the table is unlogged, so the statement
/// commits without waiting for a disk flush. On SQLite (one machine) it takes the writer's turn like any write.
/// </remarks>
public sealed class RateLimitCounter
{
    private readonly Dialect _dialect;

    internal RateLimitCounter(Dialect dialect)
    {
        _dialect = dialect;
    }

    /// <summary>Counts one request of <paramref name="bucket"/> in the window starting at <paramref name="windowStart"/>; returns the window's count so far, this one included.</summary>
    /// <param name="bucket">What is limited, for whom (a policy and a client address).</param>
    /// <param name="windowStart">The window's start, the same for every process (a multiple of the window's length).</param>
    public async Task<long> HitAsync(string bucket, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(bucket);
        await using var session = await _dialect.BeginStandaloneWritesAsync(cancellationToken);
        await using var command = session.Sql("""
            INSERT INTO rate_limit_windows (bucket, window_start, hits) VALUES (@bucket, @window_start, 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limit_windows.hits + 1
            RETURNING hits
            """)
            .With("bucket", bucket)
            .With("window_start", windowStart);
        var hits = await session.LongAsync(command, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return hits;
    }

    /// <summary>Deletes the counts of windows that started before <paramref name="before"/>; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var session = await _dialect.BeginStandaloneWritesAsync(cancellationToken);
        await using var command = session.Sql("DELETE FROM rate_limit_windows WHERE window_start < @before").With("before", before);
        var purged = await session.ExecuteAsync(command, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return purged;
    }
}
