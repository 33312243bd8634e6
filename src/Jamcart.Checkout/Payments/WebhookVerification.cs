namespace Jamcart.Checkout.Payments;

/// <summary>
/// The outcome of checking a webhook: a verified event, or the reason it was refused. <see cref="Unreadable"/> means
/// the signature held but the body is no event the provider sends: the request is wrong, not its signature.
/// </summary>
public sealed record WebhookVerification(WebhookEvent? Event, string? Rejection)
{
    public bool IsValid => Event is not null;

    /// <summary>Signed with the endpoint's secret, but not an event.</summary>
    public bool Unreadable { get; private init; }

    public static WebhookVerification Valid(WebhookEvent webhookEvent) => new(webhookEvent, null);

    public static WebhookVerification Rejected(string reason) => new(null, reason);

    public static WebhookVerification NotAnEvent(string reason) => new(null, reason) { Unreadable = true };
}
