using Jamcart.Checkout.Payments;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The shop's provider, except that a payment of 0 is refused the way Stripe's API refuses it: as a malformed
/// <c>amount</c> (an integer below 1), where the sandbox answers <c>amount_too_small</c>. Counts the payments asked for.
/// </summary>
internal sealed class StripeRefusingZero(IPaymentProvider inner) : IPaymentProvider
{
    public int CreateCalls { get; private set; }

    public string Name => inner.Name;

    public string PublishableKey => inner.PublishableKey;

    public Task<ProviderPayment> CreateAsync(CreatePaymentRequest request, CancellationToken cancellationToken)
    {
        CreateCalls++;
        return request.Amount.Minor < 1
            ? throw new PaymentRequestRejectedException("parameter_invalid_integer", "This value must be greater than or equal to 1.", "amount")
            : inner.CreateAsync(request, cancellationToken);
    }

    public Task<ProviderPayment> GetAsync(string paymentId, CancellationToken cancellationToken) => inner.GetAsync(paymentId, cancellationToken);

    public Task<ProviderPayment> CompleteAsync(string paymentId, IReadOnlyDictionary<string, string> clientResult, CancellationToken cancellationToken) =>
        inner.CompleteAsync(paymentId, clientResult, cancellationToken);

    public Task<ProviderPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        inner.CancelAsync(paymentId, idempotencyKey, cancellationToken);

    public Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken) => inner.RefundAsync(request, cancellationToken);

    public Task<ProviderRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken) => inner.GetRefundAsync(refundId, cancellationToken);

    public WebhookVerification VerifyWebhook(string rawBody, IReadOnlyDictionary<string, string> headers) => inner.VerifyWebhook(rawBody, headers);
}
