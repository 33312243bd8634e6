namespace Jamcart.Checkout.Idempotency;

/// <summary>
/// An <c>Idempotency-Key</c> claim made by the request's first write transaction instead of by a write of its own
/// before the request runs: on SQLite one turn in the writer's queue fewer per request, on PostgreSQL one commit and
/// one round trip fewer. Only for a request whose first effect anywhere is such a transaction (the checkout: nothing
/// is reserved, and nothing asked of the provider, before it). Until that transaction the request has changed
/// nothing, so a key found taken there (<see cref="IdempotencyKeyTakenException"/>) is answered from its record as if
/// it had been claimed up front; and a request that ends without a write (a refusal) stores its answer in one write.
/// </summary>
/// <remarks>
/// Ambient, like a <c>TransactionScope</c>, so that the use cases between the HTTP filter and the store need not pass
/// it along: the store's <c>BeginAsync</c> takes it with the transaction it begins.
/// </remarks>
public sealed class DeferredClaim(IdempotencyKey key, string requestHash, DateTimeOffset now, DateTimeOffset lockedUntil)
{
    private static readonly AsyncLocal<DeferredClaim?> Ambient = new();

    private Func<IdempotencyCompletion?, CancellationToken, Task>? _lastWrite;

    /// <summary>The current request's claim while no committed transaction holds it yet; null otherwise.</summary>
    public static DeferredClaim? Pending => Ambient.Value is { Made: false } claim ? claim : null;

    public IdempotencyKey Key => key;

    public string RequestHash => requestHash;

    /// <summary>When the request came in: the record's creation time.</summary>
    public DateTimeOffset Now => now;

    /// <summary>Until when the claim holds the key against other requests with it.</summary>
    public DateTimeOffset LockedUntil => lockedUntil;

    /// <summary>Whether a committed transaction made the claim: from then on it is completed or released as usual.</summary>
    public bool Made { get; private set; }

    /// <summary>Makes this the current request's claim until the returned scope ends.</summary>
    public IDisposable Enter()
    {
        var outer = Ambient.Value;
        Ambient.Value = this;
        return new Scope(outer);
    }

    /// <summary>Called by the store once the transaction that inserted the claim has committed.</summary>
    public void MarkMade() => Made = true;

    /// <summary>
    /// Holds back the current request's last write until its answer is known, so that the write's commit stores the
    /// answer too: one commit where there were two (on SQLite one turn in the writer's queue). Only once the claim is
    /// made, and for one write; false otherwise, and the caller writes at once.
    /// </summary>
    /// <param name="write">
    /// Run by the request's <c>Idempotency-Key</c> handling after the answer is made, even if the client has gone: with
    /// the answer to store, or with null when the answer is not kept (a 5xx). Whatever it throws is the request's
    /// answer instead, and then not kept.
    /// </param>
    public static bool TryHoldLastWrite(Func<IdempotencyCompletion?, CancellationToken, Task> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        if (Ambient.Value is not { Made: true, _lastWrite: null } claim)
        {
            return false;
        }

        claim._lastWrite = write;
        return true;
    }

    /// <summary>The write held by <see cref="TryHoldLastWrite"/>, if any, handed over once.</summary>
    public Func<IdempotencyCompletion?, CancellationToken, Task>? TakeLastWrite()
    {
        var write = _lastWrite;
        _lastWrite = null;
        return write;
    }

    private sealed class Scope(DeferredClaim? outer) : IDisposable
    {
        public void Dispose() => Ambient.Value = outer;
    }
}
