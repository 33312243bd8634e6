namespace Jamcart.Functions.Contracts;

/// <summary>
/// An extension of API.md: a cardholder's dispute of the order's payment (a chargeback), as Stripe last reported it;
/// <c>amount</c> in minor units, withheld from the shop until the dispute is decided.
/// </summary>
/// <param name="Reason">Stripe's word for the cardholder's claim (<c>fraudulent</c>).</param>
/// <param name="Status">Stripe's word: <c>needs_response</c>, <c>under_review</c>, then <c>won</c> or <c>lost</c>.</param>
/// <param name="DueBy">When the shop's answer is due, if Stripe said.</param>
public sealed record DisputeView(string Id, long Amount, string Reason, string Status, DateTime? DueBy, DateTime CreatedAt);
