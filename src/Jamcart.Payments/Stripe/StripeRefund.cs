namespace Jamcart.Payments.Stripe;

/// <summary>A Refund as either client of <see cref="IStripeApi"/> read it, its amount in Stripe's unit.</summary>
/// <param name="PaymentIntentId">The refunded PaymentIntent's id, whether Stripe sent it expanded or not.</param>
internal sealed record StripeRefund(
    string? Id,
    string? PaymentIntentId,
    long Amount,
    string? Currency,
    string? Status,
    DateTimeOffset Created)
{
    public string? FailureReason { get; init; }

    /// <summary>The idempotency key of Jamcart's request that made it, from its metadata (<see cref="StripePaymentMapping.RefundKeyKey"/>).</summary>
    public string? RequestKey { get; init; }
}
