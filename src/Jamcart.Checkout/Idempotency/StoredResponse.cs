namespace Jamcart.Checkout.Idempotency;

/// <summary>An answer kept for replay: status, content type and the exact body bytes.</summary>
public sealed record StoredResponse(int StatusCode, string ContentType, ReadOnlyMemory<byte> Body);
