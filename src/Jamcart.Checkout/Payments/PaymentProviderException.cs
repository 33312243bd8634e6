namespace Jamcart.Checkout.Payments;

/// <summary>A payment provider failure the checkout can act on; the subtypes say which kind.</summary>
public abstract class PaymentProviderException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>The buyer's card was refused: show <see cref="Error"/>'s message and let them try another card.</summary>
public sealed class PaymentDeclinedException(PaymentError error, string? paymentId = null)
    : PaymentProviderException(error.Message)
{
    public PaymentError Error => error;
    public string? PaymentId => paymentId;
}

/// <summary>
/// The provider could not be reached, timed out or failed. Nothing is known to be charged; the same request with the
/// same idempotency key is safe to retry.
/// </summary>
public sealed class PaymentProviderUnavailableException(string message, Exception? inner = null)
    : PaymentProviderException(message, inner)
{
    /// <summary>
    /// Whether the provider refused the configured keys (HTTP 401 or 403): it answered, and it will refuse every retry
    /// until the keys are corrected.
    /// </summary>
    public bool KeyRefused { get; init; }
}

/// <summary>
/// The provider refused the request itself, not the card: an amount outside its limits, an unsupported currency, a
/// reused idempotency key. <see cref="Code"/> is the provider's code (<c>amount_too_small</c>).
/// </summary>
public sealed class PaymentRequestRejectedException(string code, string message, string? param = null)
    : PaymentProviderException(message)
{
    public string Code => code;
    public string? Param => param;

    /// <summary>The provider's limit that was crossed, in minor units, when the code is about an amount.</summary>
    public long? Limit { get; init; }

    /// <summary>
    /// Whether the provider refused because its idempotency key already belongs to a request with other parameters:
    /// another request derived the same key first.
    /// </summary>
    public bool KeyReused { get; init; }

    /// <summary>
    /// Whether the provider has no such object (Stripe's <c>resource_missing</c>): made with other keys (the shop went
    /// from test to live keys on the same database), or never made.
    /// </summary>
    public bool ResourceMissing => Code == "resource_missing";
}
