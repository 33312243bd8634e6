namespace Jamcart.Checkout.Idempotency;

/// <summary>A client's <c>Idempotency-Key</c> within the endpoint it was sent to: the same key on two endpoints is two keys.</summary>
public sealed record IdempotencyKey(string Scope, string Key);
