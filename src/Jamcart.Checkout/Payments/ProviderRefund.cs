namespace Jamcart.Checkout.Payments;

/// <summary>A refund as the provider reports it.</summary>
/// <param name="Status">The provider's word: <c>succeeded</c>, <c>pending</c>, <c>failed</c>, <c>canceled</c>.</param>
public sealed record ProviderRefund(string Id, string PaymentId, long Amount, string Currency, string Status, DateTimeOffset Created)
{
    /// <summary>Why a failed refund failed, in the provider's words (<c>expired_or_canceled_card</c>); null otherwise.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// The idempotency key of the shop's request that made it, which the provider keeps with the refund (Stripe: in its
    /// metadata) for as long as the refund exists, unlike the key itself; null for a refund the shop did not ask for.
    /// </summary>
    public string? RequestKey { get; init; }

    /// <summary>Whether the money did not go back: the bank turned the refund down, or it was canceled.</summary>
    public bool Failed => Status is RefundStatuses.Failed or RefundStatuses.Canceled;
}
