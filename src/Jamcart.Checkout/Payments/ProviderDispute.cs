namespace Jamcart.Checkout.Payments;

/// <summary>
/// A cardholder's dispute of a payment (a chargeback) as the provider reports it: the amount is withdrawn from the
/// shop until the dispute is decided, and for good when it is lost.
/// </summary>
/// <param name="Reason">The provider's word for the cardholder's claim (<c>fraudulent</c>, <c>product_not_received</c>).</param>
/// <param name="Status">The provider's word: <c>needs_response</c>, <c>under_review</c>, <c>won</c>, <c>lost</c>.</param>
/// <param name="DueBy">When the shop's answer is due, if the provider says.</param>
public sealed record ProviderDispute(string Id, string PaymentId, long Amount, string Currency, string Reason, string Status, DateTimeOffset? DueBy)
{
    public bool Won => Status == DisputeStatuses.Won;

    public bool Lost => Status == DisputeStatuses.Lost;
}
