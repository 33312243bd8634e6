namespace Jamcart.Checkout.Idempotency;

/// <summary>
/// The first write transaction of a request with a <see cref="DeferredClaim"/> found its key already recorded, and
/// wrote nothing: the request is answered from the key's record (a replay, <c>idempotency-in-progress</c> or
/// <c>idempotency-key-reused</c>), never by running on.
/// </summary>
public sealed class IdempotencyKeyTakenException(IdempotencyKey key)
    : Exception($"The Idempotency-Key of scope {key?.Scope} is already recorded; the request stopped before its first write.")
{
    public IdempotencyKey Key => key;
}
