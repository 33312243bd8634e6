using Jamcart.Checkout.Payments;
using Jamcart.Core;

namespace Jamcart.Checkout.Orders;

/// <summary>A cardholder's dispute of an order's payment (a chargeback), as the provider last reported it.</summary>
/// <param name="Status">The provider's word: <c>needs_response</c>, <c>under_review</c>, <c>won</c>, <c>lost</c>.</param>
/// <param name="CreatedAt">When Jamcart first heard of it.</param>
public sealed record OrderDispute(string Id, Money Amount, string Reason, string Status, DateTimeOffset? DueBy, DateTimeOffset CreatedAt)
{
    /// <summary>Whether it was decided (won or lost): a report that it is still open never replaces that.</summary>
    public bool Decided => DisputeStatuses.IsDecided(Status);

    /// <summary>The dispute as the provider reported it, in the order's currency.</summary>
    public static OrderDispute Of(ProviderDispute dispute, Currency currency, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(dispute);
        return new OrderDispute(dispute.Id, new Money(dispute.Amount, currency), dispute.Reason, dispute.Status, dispute.DueBy, now);
    }
}
