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
}
