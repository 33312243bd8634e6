namespace Jamcart.Checkout.Idempotency;

/// <summary>
/// The answer that ends a request's claim, handed to the request's last write so that the write's commit stores it
/// (<see cref="DeferredClaim.TryHoldLastWrite"/>) instead of a write of its own after it.
/// </summary>
public sealed class IdempotencyCompletion(IdempotencyKey key, StoredResponse response, DateTimeOffset now)
{
    public IdempotencyKey Key => key;

    public StoredResponse Response => response;

    /// <summary>When the answer was made: the record's completion time.</summary>
    public DateTimeOffset Now => now;

    /// <summary>
    /// Whether a committed write stored the answer and ended the claim. False when the write took a path that could
    /// not, or the claim was no longer this request's: the caller then stores it as usual.
    /// </summary>
    public bool Stored { get; private set; }

    /// <summary>Called by the store once the transaction that stored the answer has committed.</summary>
    public void MarkStored() => Stored = true;
}
