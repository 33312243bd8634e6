namespace Jamcart.Checkout.Payments;

/// <summary>The kinds of provider events the checkout acts on; everything else is <see cref="Other"/> and acknowledged.</summary>
public enum WebhookEventKind
{
    Other,
    PaymentSucceeded,
    PaymentFailed,
    PaymentCanceled,
    PaymentRefunded,

    /// <summary>A refund of the payment was made (<see cref="WebhookEvent.Refund"/>), here or elsewhere (the provider's dashboard).</summary>
    RefundCreated,

    /// <summary>
    /// A refund of the payment changed (<see cref="WebhookEvent.Refund"/>): it went through, or failed after it was
    /// made (the bank turned it down), so that less is refunded than was.
    /// </summary>
    RefundUpdated,

    /// <summary>The cardholder disputed the payment with their bank (<see cref="WebhookEvent.Dispute"/>).</summary>
    PaymentDisputed,

    /// <summary>A dispute of the payment was decided, won or lost (<see cref="WebhookEvent.Dispute"/>).</summary>
    DisputeClosed,
}

/// <summary>A verified provider event, with the payment it is about as the event carried it.</summary>
/// <param name="Type">The provider's event type (<c>payment_intent.succeeded</c>).</param>
/// <param name="Payment">The payment in the event, or null for events about other objects.</param>
public sealed record WebhookEvent(string Id, string Type, WebhookEventKind Kind, ProviderPayment? Payment, DateTimeOffset Created)
{
    /// <summary>The API version the provider wrote the event in; read leniently when it is not the adapter's own.</summary>
    public string? ApiVersion { get; init; }

    /// <summary>The refund a <see cref="WebhookEventKind.RefundCreated"/> or <see cref="WebhookEventKind.RefundUpdated"/> event is about, as the event carried it.</summary>
    public ProviderRefund? Refund { get; init; }

    /// <summary>The dispute a <see cref="WebhookEventKind.PaymentDisputed"/> or <see cref="WebhookEventKind.DisputeClosed"/> event is about.</summary>
    public ProviderDispute? Dispute { get; init; }

    /// <summary>Whether the provider's live mode (true) or its test mode (false) sent the event; null when it does not say.</summary>
    public bool? LiveMode { get; init; }

    /// <summary>
    /// Sent by the provider's other mode than the shop's keys: a live event while the shop uses test keys, or the
    /// reverse. Its payments are not ones the shop's keys can read back, so it proves nothing about an order.
    /// </summary>
    public bool FromOtherMode { get; init; }
}
