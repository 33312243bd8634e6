using Jamcart.Core;

namespace Jamcart.Checkout.Payments;

/// <summary>A payment as the provider reports it. Only this, never the browser's word, moves an order.</summary>
/// <param name="OrderId">The provider's copy of <c>metadata.order_id</c>: checked against the order before it is paid.</param>
/// <param name="ClientSecret">What the browser needs to confirm this payment with the provider; never logged.</param>
public sealed record ProviderPayment(
    string Id,
    PaymentStatus Status,
    Money Amount,
    string? OrderId,
    string? ClientSecret,
    PaymentError? LastError,
    long AmountRefunded)
{
    /// <summary>The provider's own status word (<c>requires_payment_method</c>), for logs and support.</summary>
    public string? ProviderStatus { get; init; }
}
