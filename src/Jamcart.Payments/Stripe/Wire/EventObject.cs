namespace Jamcart.Payments.Stripe.Wire;

/// <summary>The envelope of a webhook event: what happened, when, under which API version, and to which object.</summary>
internal sealed class EventObject
{
    public string? Object { get; init; }

    public string? Id { get; init; }

    public string? Type { get; init; }

    /// <summary>Seconds since the Unix epoch.</summary>
    public long? Created { get; init; }

    public string? ApiVersion { get; init; }

    /// <summary>True for an event of the account's live mode, false for its test mode.</summary>
    public bool? Livemode { get; init; }

    public EventData? Data { get; init; }
}
