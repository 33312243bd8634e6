namespace Jamcart.Payments.Sandbox.Api;

/// <summary>A response kept for an idempotency key: replayed byte for byte, with the id of the request that made it.</summary>
internal sealed record StoredResponse(int Status, string Body, string RequestId);
