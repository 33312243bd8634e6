namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>The request that causes a change, as its events record it (<c>request.id</c>, <c>request.idempotency_key</c>) and the API version they are written in.</summary>
/// <param name="RequestId">Null for changes no API request made, like a 3-D Secure page's button.</param>
internal sealed record RequestContext(string? RequestId, string? IdempotencyKey, string ApiVersion);
