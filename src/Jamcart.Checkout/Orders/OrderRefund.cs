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

    /// <summary>The refund as the provider reported it, in the order's currency.</summary>
    public static OrderRefund Of(ProviderRefund refund, Currency currency)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return new OrderRefund(refund.Id, new Money(refund.Amount, currency), refund.Created)
        {
            Status = refund.Status,
            FailureReason = refund.FailureReason,
        };
    }
}
