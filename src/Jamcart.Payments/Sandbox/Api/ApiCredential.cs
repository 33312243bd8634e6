namespace Jamcart.Payments.Sandbox.Api;

/// <summary>The key a request authenticated with; idempotency keys are scoped to it.</summary>
internal sealed record ApiCredential(string Key, bool IsPublishable);
