namespace Jamcart.Checkout.Idempotency;

/// <summary>
/// Remembers requests made with an <c>Idempotency-Key</c> and their answers, so that a retry gets the first answer
/// instead of a second effect. Claims are leases: a process that dies while holding one does not block the key
/// beyond <c>lease</c>.
/// </summary>
public interface IIdempotencyStore
{
    /// <summary>
    /// Claims the key for a request whose canonical body hashes to <paramref name="requestHash"/>, or says why not:
    /// the answer is stored (replay it), another request holds the key, or the key was used for another body.
    /// A record older than <paramref name="retention"/> counts as absent.
    /// </summary>
    Task<IdempotencyClaim> TryClaimAsync(IdempotencyKey key, string requestHash, DateTimeOffset now, TimeSpan lease, TimeSpan retention, CancellationToken cancellationToken);

    /// <summary>
    /// Stores the answer of a request whose <see cref="DeferredClaim"/> no write made (it was refused before writing
    /// anything) as a completed record, in one write; false, and nothing written, when the key has a record already.
    /// </summary>
    Task<bool> TryStoreAnswerAsync(DeferredClaim claim, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stores the answer of a claimed request, ending the claim.</summary>
    Task CompleteAsync(IdempotencyKey key, StoredResponse response, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Forgets a claim without an answer (the request failed in a way a retry may fix), so the key may run again.</summary>
    Task ReleaseAsync(IdempotencyKey key, CancellationToken cancellationToken);

    /// <summary>Deletes records created before <paramref name="before"/>; returns how many.</summary>
    Task<int> PurgeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}
