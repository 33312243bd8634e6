namespace Jamcart.Checkout.Payments;

/// <summary>A refund of a succeeded payment: all of what is left when <see cref="Amount"/> is null, otherwise that many minor units.</summary>
/// <param name="IdempotencyKey">Derived from the order, the refund's number and its amount (<c>refund:{order}:{n}:{amount}</c>).</param>
public sealed record RefundRequest(string PaymentId, long? Amount, string IdempotencyKey)
{
    /// <summary>Why, in Stripe's words: <c>requested_by_customer</c>, <c>duplicate</c> or <c>fraudulent</c>.</summary>
    public string? Reason { get; init; }
}
