namespace Jamcart.Checkout.Payments;

/// <summary>The outcome of checking a webhook: a verified event, or the reason it was refused.</summary>
public sealed record WebhookVerification(WebhookEvent? Event, string? Rejection)
{
    public bool IsValid => Event is not null;

    public static WebhookVerification Valid(WebhookEvent webhookEvent) => new(webhookEvent, null);

    public static WebhookVerification Rejected(string reason) => new(null, reason);
}
