namespace Jamcart.Functions.Contracts;

/// <summary>A refund of an order; <c>amount</c> in minor units.</summary>
/// <param name="Status">
/// An extension of API.md: the provider's status as last reported (<c>succeeded</c>, <c>pending</c>, <c>failed</c>,
/// <c>canceled</c>). A refund that failed after it was made stays listed, as <c>failed</c>, and no longer counts in
/// the order's <c>refundedAmount</c>.
/// </param>
/// <param name="FailureReason">An extension of API.md: why a failed refund failed, in the provider's words; otherwise null.</param>
public sealed record RefundView(string Id, long Amount, DateTime CreatedAt, string Status, string? FailureReason);
