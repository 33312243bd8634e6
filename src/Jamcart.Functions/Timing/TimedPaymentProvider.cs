using Jamcart.Checkout.Payments;

using static Jamcart.Functions.Timing.RequestTimings;

namespace Jamcart.Functions.Timing;

/// <summary>The payment provider, with every call's duration added to the request's <c>provider</c> time.</summary>
internal sealed class TimedPaymentProvider(IPaymentProvider inner) : IPaymentProvider
{
    public string Name => inner.Name;

    public string PublishableKey => inner.PublishableKey;

    public Task<ProviderPayment> CreateAsync(CreatePaymentRequest request, CancellationToken cancellationToken) =>
        TimeAsync(Part.Provider, () => inner.CreateAsync(request, cancellationToken));

    public Task<ProviderPayment> GetAsync(string paymentId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Provider, () => inner.GetAsync(paymentId, cancellationToken));

    public Task<ProviderPayment> CompleteAsync(string paymentId, IReadOnlyDictionary<string, string> clientResult, CancellationToken cancellationToken) =>
        TimeAsync(Part.Provider, () => inner.CompleteAsync(paymentId, clientResult, cancellationToken));

    public Task<ProviderPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken) =>
        TimeAsync(Part.Provider, () => inner.CancelAsync(paymentId, idempotencyKey, cancellationToken));

    public Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken) =>
        TimeAsync(Part.Provider, () => inner.RefundAsync(request, cancellationToken));

    public Task<IReadOnlyList<ProviderRefund>> ListRefundsAsync(string paymentId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Provider, () => inner.ListRefundsAsync(paymentId, cancellationToken));

    public Task<ProviderRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Provider, () => inner.GetRefundAsync(refundId, cancellationToken));

    // Local work: an HMAC over the body, no call to the provider.
    public WebhookVerification VerifyWebhook(string rawBody, IReadOnlyDictionary<string, string> headers) =>
        inner.VerifyWebhook(rawBody, headers);
}
