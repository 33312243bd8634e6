namespace Jamcart.Checkout.Payments;

/// <summary>A refund as the provider reports it.</summary>
/// <param name="Status">The provider's word: <c>succeeded</c>, <c>pending</c>, <c>failed</c>, <c>canceled</c>.</param>
public sealed record ProviderRefund(string Id, string PaymentId, long Amount, string Currency, string Status, DateTimeOffset Created);
