namespace Jamcart.Checkout.Idempotency;

/// <summary>
/// The order that an earlier attempt of the current request (the same <c>Idempotency-Key</c> and body) placed before its
/// process died, handed on by the request's key handling when it takes the key over
/// (<see cref="IdempotencyClaim.Claimed.AbandonedOrderId"/>). The checkout finishes that order instead of reserving
/// the cart again beside it, which would hold the stock twice until reconciliation withdrew the first, and refuse the
/// buyer the last units that their own first attempt holds.
/// </summary>
/// <remarks>Ambient, like <see cref="DeferredClaim"/>, so that the endpoints between need not pass it along.</remarks>
public static class AbandonedAttempt
{
    private static readonly AsyncLocal<string?> Ambient = new();

    /// <summary>The abandoned order of the current request; null when it has none.</summary>
    public static string? OrderId => Ambient.Value;

    /// <summary>Makes <paramref name="orderId"/> the current request's abandoned order until the returned scope ends.</summary>
    public static IDisposable Enter(string orderId)
    {
        ArgumentException.ThrowIfNullOrEmpty(orderId);
        var outer = Ambient.Value;
        Ambient.Value = orderId;
        return new Scope(outer);
    }

    private sealed class Scope(string? outer) : IDisposable
    {
        public void Dispose() => Ambient.Value = outer;
    }
}
