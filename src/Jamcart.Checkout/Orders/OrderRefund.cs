using Jamcart.Checkout.Payments;
using Jamcart.Core;

namespace Jamcart.Checkout.Orders;

/// <summary>A refund the provider made for an order.</summary>
public sealed record OrderRefund(string Id, Money Amount, DateTimeOffset CreatedAt)
{
    /// <summary>The provider's status as last reported (<see cref="RefundStatuses"/>): a refund that failed after it was made stays listed as failed.</summary>
    public string Status { get; init; } = RefundStatuses.Succeeded;

    /// <summary>Why it failed, in the provider's words; null unless it did.</summary>
    public string? FailureReason { get; init; }

    /// <summary>
    /// Whether the request that made it (an admin refund, an automatic one) recorded it and was answered with it; false
    /// for a refund learned only from the provider's event: made in its dashboard, or lost in a crash before its
    /// record. The shop's refund keys count only answered refunds, so that the retry of a lost one still finds it.
    /// </summary>
    public bool Answered { get; init; } = true;

    /// <summary>
    /// The idempotency key of the shop's request that made it, as the provider reported it with the refund; null for a
    /// refund made elsewhere. A refund lost in a crash is found by it when the provider no longer knows the key.
    /// </summary>
    public string? RequestKey { get; init; }

    /// <summary>The refund as the provider reported it, in the order's currency.</summary>
    public static OrderRefund Of(ProviderRefund refund, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return new OrderRefund(refund.Id, new Money(refund.Amount, currency), refund.Created)
        {
            Status = refund.Status,
            FailureReason = refund.FailureReason,
            RequestKey = refund.RequestKey,
        };
    }
}
