using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Storage;
using Jamcart.Storage.Logging;
using Jamcart.Storage.Sql;

using Microsoft.Extensions.Logging;

namespace Jamcart.Storage.Idempotency;

/// <summary>
/// <see cref="IIdempotencyStore"/> on either engine. A claim is an <c>INSERT … ON CONFLICT DO NOTHING</c>: of two
/// processes claiming one key at once exactly one inserts. Taking over a record (its lease ran out, or it is older
/// than the retention) is an UPDATE conditional on the revision that was read, so of two takers exactly one wins too.
/// Each statement is therefore safe on its own, and runs without a surrounding transaction where the engine allows.
/// Keys and answers are kept sealed (<see cref="SealedAnswers"/>): the database alone cannot replay them.
/// </summary>
internal sealed class SqlIdempotencyStore(Dialect dialect, ILogger logger) : IIdempotencyStore
{
    // Each lost race means another request changed the record in between; a few rounds settle any real contention.
    private const int Attempts = 5;

    public async Task<IdempotencyClaim> TryClaimAsync(
        IdempotencyKey key, string requestHash, DateTimeOffset now, TimeSpan lease, TimeSpan retention, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentException.ThrowIfNullOrEmpty(requestHash);
        var stored = StoredKey.Of(key);
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            IdempotencyClaim? claim;
            await using (var session = await dialect.BeginStandaloneWritesAsync(cancellationToken))
            {
                claim = await TryClaimOnceAsync(session, stored, requestHash, now, lease, retention, cancellationToken);
                if (claim is null)
                {
                    continue;
                }

                await session.CommitAsync(cancellationToken);
            }

            // A kept answer is opened once the write has ended: on SQLite no other write waits for the decryption.
            return claim is IdempotencyClaim.Replay { Response: { Body.Length: > 0 } kept }
                ? new IdempotencyClaim.Replay(kept with { Body = SealedAnswers.Open(key, kept.Body.ToArray()) })
                : claim;
        }

        throw new StoreConflictException($"The idempotency key of scope {key.Scope} kept changing while being claimed; running the request again is safe.");
    }

    public async Task<bool> TryStoreAnswerAsync(DeferredClaim claim, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        ArgumentNullException.ThrowIfNull(response);
        var stored = StoredKey.Of(claim.Key);
        var body = SealedAnswers.Seal(claim.Key, response.Body.Span);
        await using var session = await dialect.BeginStandaloneWritesAsync(cancellationToken);
        await using var command = session.Sql("""
            INSERT INTO idempotency_records
                (scope, idempotency_key, request_hash, state, locked_until, status_code, content_type, body, created_at, completed_at, revision)
            VALUES (@scope, @key, @request_hash, 'completed', NULL, @status_code, @content_type, @body, @created_at, @now, 0)
            ON CONFLICT (scope, idempotency_key) DO NOTHING
            """)
            .With("scope", stored.Scope)
            .With("key", stored.Fingerprint)
            .With("request_hash", claim.RequestHash)
            .With("status_code", response.StatusCode)
            .With("content_type", response.ContentType)
            .With("body", body)
            .With("created_at", claim.Now)
            .With("now", now);
        var inserted = await session.ExecuteAsync(command, cancellationToken) == 1;
        await session.CommitAsync(cancellationToken);
        return inserted;
    }

    /// <summary>
    /// Adds the statement claiming <paramref name="key"/> to <paramref name="batch"/>; the claim holds once it is
    /// committed. It returns a row when it made the claim, none when the key has a record already.
    /// </summary>
    /// <param name="orderId">The order the claiming transaction places, when it is a checkout's; see <see cref="AddOrderOfClaim"/>.</param>
    /// <param name="name">Its name in <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>.</param>
    internal static SqlBatch AddClaim(
        SqlBatch batch, StoredKey key, string requestHash, DateTimeOffset now, DateTimeOffset lockedUntil, string? orderId = null, string? name = null) =>
        batch.Add("""
            INSERT INTO idempotency_records (scope, idempotency_key, request_hash, state, locked_until, created_at, revision, order_id)
            VALUES (@claim_scope, @claim_key, @claim_request_hash, 'in_progress', @claim_locked_until, @claim_now, 0, @claim_order_id)
            ON CONFLICT (scope, idempotency_key) DO NOTHING
            RETURNING revision
            """, command => command
            .With("claim_scope", key.Scope)
            .With("claim_key", key.Fingerprint)
            .With("claim_request_hash", requestHash)
            .With("claim_locked_until", lockedUntil)
            .With("claim_now", now)
            .With("claim_order_id", orderId),
            name);

    /// <summary>
    /// Adds the statement naming <paramref name="orderId"/> as the order of the claim of <paramref name="key"/>, made
    /// earlier in the same transaction, to <paramref name="batch"/>. Should the request's process die before it
    /// answers, a retry that takes the key over is handed the order (<see cref="IdempotencyClaim.Claimed.AbandonedOrderId"/>)
    /// and finishes it, instead of reserving the same cart again beside it.
    /// </summary>
    internal static SqlBatch AddOrderOfClaim(SqlBatch batch, StoredKey key, string orderId) =>
        batch.Add("""
            UPDATE idempotency_records SET order_id = @claim_order_id
            WHERE scope = @claim_scope AND idempotency_key = @claim_key AND state = 'in_progress'
            """, command => command
            .With("claim_order_id", orderId)
            .With("claim_scope", key.Scope)
            .With("claim_key", key.Fingerprint));

    public async Task CompleteAsync(IdempotencyKey key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(response);
        var stored = StoredKey.Of(key);
        var body = SealedAnswers.Seal(key, response.Body.Span);
        await using var session = await dialect.BeginStandaloneWritesAsync(cancellationToken);
        if ((await AddComplete(new SqlBatch(), stored, body, response, now).ExecuteCountingAsync(session, 1, cancellationToken))[0] == 0)
        {
            StorageLog.IdempotencyClaimLost(logger, key.Scope);
        }

        await session.CommitAsync(cancellationToken);
    }

    /// <summary>
    /// Adds the statement ending the claim of <paramref name="key"/> with <paramref name="response"/> to
    /// <paramref name="batch"/>. It returns a row when it did; none when the key is no longer claimed (its lease ran
    /// out and another request took it over, or it was released).
    /// </summary>
    /// <param name="sealedBody">The answer's body sealed for the key (<see cref="SealedAnswers.Seal"/>).</param>
    /// <param name="onlyIf">A further condition (see <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>); none by default.</param>
    /// <param name="name">Its name in <see cref="SqlBatch.ExecuteAsOneStatementAsync"/>.</param>
    internal static SqlBatch AddComplete(
        SqlBatch batch, StoredKey key, byte[] sealedBody, StoredResponse response, DateTimeOffset now, string? onlyIf = null, string? name = null) =>
        batch.Add($"""
            UPDATE idempotency_records
            SET state = 'completed', locked_until = NULL, status_code = @complete_status_code, content_type = @complete_content_type,
                body = @complete_body, completed_at = @complete_now, revision = revision + 1
            WHERE scope = @complete_scope AND idempotency_key = @complete_key AND state = 'in_progress'{(onlyIf is null ? "" : " AND " + onlyIf)}
            RETURNING revision
            """, command => command
            .With("complete_status_code", response.StatusCode)
            .With("complete_content_type", response.ContentType)
            .With("complete_body", sealedBody)
            .With("complete_now", now)
            .With("complete_scope", key.Scope)
            .With("complete_key", key.Fingerprint),
            name);

    public async Task ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        var stored = StoredKey.Of(key);
        await using var session = await dialect.BeginStandaloneWritesAsync(cancellationToken);
        await using var command = session.Sql("""
            DELETE FROM idempotency_records WHERE scope = @scope AND idempotency_key = @key AND state = 'in_progress'
            """).With("scope", stored.Scope).With("key", stored.Fingerprint);
        await session.ExecuteAsync(command, cancellationToken);
        await session.CommitAsync(cancellationToken);
    }

    public async Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginWriteAsync(cancellationToken);
        await using var command = session.Sql("DELETE FROM idempotency_records WHERE created_at < @before").With("before", before);
        var purged = await session.ExecuteAsync(command, cancellationToken);
        await session.CommitAsync(cancellationToken);
        return purged;
    }

    /// <summary>One round of the claim; null when another request changed the record in between (try again).</summary>
    private static async Task<IdempotencyClaim?> TryClaimOnceAsync(
        DbSession session, StoredKey stored, string requestHash, DateTimeOffset now, TimeSpan lease, TimeSpan retention, CancellationToken cancellationToken)
    {
        var claim = AddClaim(new SqlBatch(), stored, requestHash, now, now + lease);
        if ((await claim.ExecuteCountingAsync(session, 1, cancellationToken))[0] == 1)
        {
            return new IdempotencyClaim.Claimed();
        }

        await using var select = session.Sql($"SELECT {IdempotencyRecord.Columns} FROM idempotency_records WHERE scope = @scope AND idempotency_key = @key")
            .With("scope", stored.Scope)
            .With("key", stored.Fingerprint);
        if (await session.FirstOrDefaultAsync(select, IdempotencyRecord.Read, cancellationToken) is not { } record)
        {
            return null;
        }

        // A record past its retention counts as absent: the key starts over, whatever it was used for.
        if (record.CreatedAt <= now - retention)
        {
            return await TryTakeOverAsync(session, stored, record, requestHash, now, now + lease, null, cancellationToken) ? new IdempotencyClaim.Claimed() : null;
        }

        if (!string.Equals(record.RequestHash, requestHash, StringComparison.Ordinal))
        {
            return new IdempotencyClaim.KeyReused();
        }

        if (record.Completed)
        {
            // Still sealed: the caller opens it after the write.
            return new IdempotencyClaim.Replay(new StoredResponse(record.StatusCode ?? 0, record.ContentType ?? "", record.Body ?? []));
        }

        if (record.LockedUntil > now)
        {
            return new IdempotencyClaim.InProgress();
        }

        // The request that held the key stopped renewing its lease (its process died): this one runs it again, and
        // finishes the order the dead one placed, if it got that far. The order stays named, should this one die too.
        return await TryTakeOverAsync(session, stored, record, requestHash, record.CreatedAt, now + lease, record.OrderId, cancellationToken)
            ? new IdempotencyClaim.Claimed(record.OrderId)
            : null;
    }

    private static async Task<bool> TryTakeOverAsync(
        DbSession session, StoredKey key, IdempotencyRecord seen, string requestHash, DateTimeOffset createdAt, DateTimeOffset lockedUntil,
        string? orderId, CancellationToken cancellationToken)
    {
        await using var command = session.Sql("""
            UPDATE idempotency_records
            SET request_hash = @request_hash, state = 'in_progress', locked_until = @locked_until, status_code = NULL,
                content_type = NULL, body = NULL, created_at = @created_at, completed_at = NULL, revision = revision + 1,
                order_id = @order_id
            WHERE scope = @scope AND idempotency_key = @key AND revision = @revision
            """)
            .With("request_hash", requestHash)
            .With("locked_until", lockedUntil)
            .With("created_at", createdAt)
            .With("order_id", orderId)
            .With("scope", key.Scope)
            .With("key", key.Fingerprint)
            .With("revision", seen.Revision);
        return await session.ExecuteAsync(command, cancellationToken) == 1;
    }
}
