namespace Jamcart.Functions.Contracts;

/// <summary>The 200 for a verified webhook, whatever became of it, so the provider stops retrying.</summary>
public sealed record WebhookReceipt(bool Received);
