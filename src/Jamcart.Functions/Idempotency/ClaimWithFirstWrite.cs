namespace Jamcart.Functions.Idempotency;

/// <summary>
/// Endpoint metadata: the endpoint's <c>Idempotency-Key</c> is claimed by its first write transaction
/// (<see cref="Jamcart.Checkout.Idempotency.DeferredClaim"/>) rather than by a write before it runs. Only for an
/// endpoint whose first effect anywhere is a write through the checkout store; one that calls the provider first (a
/// refund) must claim up front, or two requests with one key could both reach the provider.
/// </summary>
internal sealed class ClaimWithFirstWrite
{
    public static readonly ClaimWithFirstWrite Instance = new();
}
