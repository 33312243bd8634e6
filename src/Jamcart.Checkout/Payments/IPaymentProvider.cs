namespace Jamcart.Checkout.Payments;

/// <summary>
/// A card payment provider as the checkout sees it: create a payment for an order's server-computed total,
/// ask the provider what became of it, cancel, refund, and verify its webhooks. The checkout never learns which
/// provider it talks to, and never sees card data (invariant I5).
/// </summary>
/// <remarks>
/// Two browser flows fit behind it. Stripe-like providers (Stripe, the sandbox) confirm in the browser with a
/// client secret, and <see cref="CompleteAsync"/> only retrieves the result. Redirect providers (Toss Payments:
/// the browser returns to a success URL with a payment key) confirm on the server in <see cref="CompleteAsync"/>
/// with what the browser brought back. Either way the checkout's use cases are the same.
/// </remarks>
public interface IPaymentProvider
{
    /// <summary>The provider's name as the API reports it (<c>sandbox</c>, <c>stripe</c>).</summary>
    string Name { get; }

    /// <summary>The key the browser uses with the provider's script; never a secret.</summary>
    string PublishableKey { get; }

    /// <summary>Creates a payment for exactly <see cref="CreatePaymentRequest.Amount"/>; the same idempotency key returns the same payment.</summary>
    /// <exception cref="PaymentRequestRejectedException">The provider refused the request itself (an amount below its minimum, say).</exception>
    /// <exception cref="PaymentProviderUnavailableException">The provider could not be reached or failed; retry with the same key.</exception>
    Task<ProviderPayment> CreateAsync(CreatePaymentRequest request, CancellationToken cancellationToken);

    /// <summary>What the provider itself says about a payment now.</summary>
    Task<ProviderPayment> GetAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Finishes a payment after the buyer's step in the browser. For providers that confirm in the browser this
    /// retrieves the payment; for redirect providers it confirms it on the server with <paramref name="clientResult"/>.
    /// </summary>
    /// <exception cref="PaymentDeclinedException">The buyer's card was refused during a server-side confirmation.</exception>
    Task<ProviderPayment> CompleteAsync(string paymentId, IReadOnlyDictionary<string, string> clientResult, CancellationToken cancellationToken);

    /// <summary>Cancels a payment that has not succeeded, so it can never be charged.</summary>
    Task<ProviderPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Refunds all (amount null) or part of a succeeded payment; the same idempotency key refunds once, while the provider
    /// keeps the key. The refund carries the key for good (<see cref="ProviderRefund.RequestKey"/>).
    /// </summary>
    Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken);

    /// <summary>
    /// Every refund of a payment, as the provider lists them now (all pages, newest first). Only for a request whose
    /// earlier attempt may have made a refund whose answer was lost: it finds that refund by its
    /// <see cref="ProviderRefund.RequestKey"/> after the provider forgot the idempotency key.
    /// </summary>
    /// <exception cref="PaymentProviderUnavailableException">The provider could not be reached or failed.</exception>
    Task<IReadOnlyList<ProviderRefund>> ListRefundsAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>What the provider itself says about a refund now (its events may arrive late and in any order).</summary>
    Task<ProviderRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken);

    /// <summary>Checks a webhook's signature over its raw body and reads the event, or says why it is refused.</summary>
    WebhookVerification VerifyWebhook(string rawBody, IReadOnlyDictionary<string, string> headers);
}
