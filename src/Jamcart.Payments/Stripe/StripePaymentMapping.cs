using System.Text.Json;

using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe.Wire;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// The one place where a Stripe PaymentIntent becomes a <see cref="ProviderPayment"/>: its status word, its last
/// error and its amounts. API responses, typed webhook events and leniently read webhook events all come through here.
/// </summary>
internal static class StripePaymentMapping
{
    /// <summary>The metadata key that ties a PaymentIntent to its order (invariant I1).</summary>
    public const string OrderIdKey = "order_id";

    /// <summary>
    /// The refund's metadata key that holds the idempotency key of Jamcart's request: Stripe forgets idempotency keys
    /// after 24 hours, and a refund lost in a crash is then found only by this.
    /// </summary>
    public const string RefundKeyKey = "jamcart_refund_key";

    /// <summary>Stripe's PaymentIntent status in Jamcart's terms.</summary>
    public static PaymentStatus ToStatus(string? stripeStatus) => stripeStatus switch
    {
        // requires_confirmation only happens to server-confirmed intents; for a browser flow it still waits on the buyer.
        "requires_payment_method" or "requires_confirmation" => PaymentStatus.AwaitingPaymentMethod,
        "requires_action" => PaymentStatus.RequiresAction,
        // Jamcart captures automatically, so requires_capture is only a moment on the way to succeeded.
        "processing" or "requires_capture" => PaymentStatus.Processing,
        "succeeded" => PaymentStatus.Succeeded,
        "canceled" => PaymentStatus.Canceled,
        // A status added by a later API version: "ask again later" neither pays nor releases an order.
        _ => PaymentStatus.Processing,
    };

    /// <summary>Stripe's <c>last_payment_error</c> as a <see cref="PaymentError"/>, or null when there is none.</summary>
    public static PaymentError? ToError(string? type, string? code, string? declineCode, string? message)
    {
        if (type is null && code is null && declineCode is null && message is null)
        {
            return null;
        }

        return new PaymentError(code ?? type ?? "payment_failed", declineCode, message ?? "The payment failed.");
    }

    public static PaymentError? ToError(ErrorObject? error) =>
        error is null ? null : ToError(error.Type, error.Code, error.DeclineCode, error.Message);

    /// <summary>A PaymentIntent from an API response or a typed event.</summary>
    /// <param name="includeClientSecret">False for webhook events: nothing downstream needs the secret, and events get stored.</param>
    /// <exception cref="InvalidOperationException">The PaymentIntent has no id, or an amount Jamcart cannot represent.</exception>
    public static ProviderPayment FromIntent(StripeIntent intent, bool includeClientSecret)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return Create(
            intent.Id ?? throw new InvalidOperationException("The provider reported a PaymentIntent without an id."),
            intent.Status,
            StripeAmounts.FromStripe(intent.Amount, intent.Currency),
            intent.OrderId,
            includeClientSecret ? intent.ClientSecret : null,
            intent.LastError,
            intent.AmountRefunded is { } refunded ? StripeAmounts.FromStripe(refunded, intent.Currency).Minor : 0);
    }

    /// <inheritdoc cref="FromIntent(StripeIntent, bool)"/>
    public static ProviderPayment FromIntent(PaymentIntentObject intent, bool includeClientSecret) =>
        FromIntent(ToIntent(intent), includeClientSecret);

    /// <summary>The fields Jamcart reads of a PaymentIntent read with the adapter's own wire types.</summary>
    public static StripeIntent ToIntent(PaymentIntentObject intent)
    {
        ArgumentNullException.ThrowIfNull(intent);
        return new StripeIntent(
            intent.Id,
            intent.Status,
            intent.Amount,
            intent.Currency,
            intent.Metadata?.GetValueOrDefault(OrderIdKey),
            intent.ClientSecret,
            ToError(intent.LastPaymentError),
            RefundedOf(intent.LatestCharge));
    }

    /// <summary>A refund read with the adapter's own wire types.</summary>
    public static StripeRefund ToRefund(RefundObject refund)
    {
        ArgumentNullException.ThrowIfNull(refund);
        return new StripeRefund(
            refund.Id,
            IdOf(refund.PaymentIntent),
            refund.Amount,
            refund.Currency,
            refund.Status,
            DateTimeOffset.FromUnixTimeSeconds(refund.Created))
        {
            FailureReason = refund.FailureReason,
            RequestKey = refund.Metadata?.GetValueOrDefault(RefundKeyKey),
        };
    }

    /// <summary>A payment from its parts, for events read without Stripe.net's types.</summary>
    public static ProviderPayment Create(
        string id,
        string? stripeStatus,
        Money amount,
        string? orderId,
        string? clientSecret,
        PaymentError? lastError,
        long amountRefunded) =>
        new(id, ToStatus(stripeStatus), amount, orderId, clientSecret, lastError, amountRefunded)
        {
            ProviderStatus = stripeStatus,
        };

    /// <summary>
    /// The payment a <c>charge.refunded</c> event is about: the charge's PaymentIntent, with the charge's total and
    /// refunded amount. A refunded charge was paid, so the payment counts as succeeded.
    /// </summary>
    public static ProviderPayment FromRefundedCharge(string paymentIntentId, Money chargeAmount, string? orderId, long amountRefunded) =>
        new(paymentIntentId, PaymentStatus.Succeeded, chargeAmount, orderId, null, null, amountRefunded);

    /// <summary>The id of a field that holds an id, or the object itself when expanded.</summary>
    private static string? IdOf(JsonElement? expandable) => expandable switch
    {
        { ValueKind: JsonValueKind.String } id => id.GetString(),
        { ValueKind: JsonValueKind.Object } expanded when expanded.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
        _ => null,
    };

    /// <summary>Refunded amount in Stripe's unit, from a charge expanded on the PaymentIntent (null when not expanded).</summary>
    private static long? RefundedOf(JsonElement? latestCharge) =>
        latestCharge is { ValueKind: JsonValueKind.Object } charge
        && charge.TryGetProperty("amount_refunded", out var refunded)
        && refunded.TryGetInt64(out var stripeRefunded)
            ? stripeRefunded
            : null;
}
