namespace Jamcart.Checkout.Idempotency;

/// <summary>The outcome of <see cref="IIdempotencyStore.TryClaimAsync"/>.</summary>
public abstract record IdempotencyClaim
{
    private IdempotencyClaim()
    {
    }

    /// <summary>The key is this request's: run it, then complete or release the claim.</summary>
    /// <param name="AbandonedOrderId">
    /// The order an earlier attempt with the key placed before its process died (its claim's lease ran out unanswered),
    /// for the request to finish rather than place again; null when there is none.
    /// </param>
    public sealed record Claimed(string? AbandonedOrderId = null) : IdempotencyClaim;

    /// <summary>The same request was answered before: send <see cref="Response"/> again.</summary>
    public sealed record Replay(StoredResponse Response) : IdempotencyClaim;

    /// <summary>The same key is held by a request still running.</summary>
    public sealed record InProgress : IdempotencyClaim;

    /// <summary>The key was used with a different body.</summary>
    public sealed record KeyReused : IdempotencyClaim;
}
