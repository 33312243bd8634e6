using Microsoft.Extensions.Logging;

namespace Jamcart.Payments.Stripe;

/// <summary>The adapter's log lines: ids, statuses and reasons only, never keys, client secrets, e-mails or card data (I5).</summary>
internal static partial class StripeLog
{
    // Debug: every checkout creates one, and the checkout's own "Order … placed" line already names the payment.
    [LoggerMessage(EventId = 51, Level = LogLevel.Debug, Message = "{Provider}: created payment {PaymentId} for order {OrderId} ({ProviderStatus})")]
    public static partial void Created(ILogger logger, string provider, string paymentId, string orderId, string? providerStatus);

    [LoggerMessage(EventId = 52, Level = LogLevel.Debug, Message = "{Provider}: payment {PaymentId} is {ProviderStatus}")]
    public static partial void Retrieved(ILogger logger, string provider, string paymentId, string? providerStatus);

    [LoggerMessage(EventId = 53, Level = LogLevel.Information, Message = "{Provider}: canceled payment {PaymentId} ({ProviderStatus})")]
    public static partial void Canceled(ILogger logger, string provider, string paymentId, string? providerStatus);

    [LoggerMessage(EventId = 54, Level = LogLevel.Information, Message = "{Provider}: refund {RefundId} of payment {PaymentId} is {RefundStatus}")]
    public static partial void Refunded(ILogger logger, string provider, string refundId, string paymentId, string? refundStatus);

    [LoggerMessage(EventId = 55, Level = LogLevel.Warning, Message = "{Provider}: {Operation} failed, the provider is unavailable ({Reason})")]
    public static partial void Unavailable(ILogger logger, string provider, string operation, string reason);

    [LoggerMessage(EventId = 56, Level = LogLevel.Information, Message = "{Provider}: {Operation} refused with {Code}")]
    public static partial void Rejected(ILogger logger, string provider, string operation, string code);

    [LoggerMessage(EventId = 57, Level = LogLevel.Error, Message = "{Provider}: the API key was refused; check the configured keys")]
    public static partial void KeyRefused(ILogger logger, string provider);

    [LoggerMessage(EventId = 58, Level = LogLevel.Warning, Message = "{Provider}: webhook refused: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string provider, string reason);

    [LoggerMessage(EventId = 59, Level = LogLevel.Information, Message = "{Provider}: webhook event {EventId} ({EventType}, API version {ApiVersion}) read field by field: its shape differs from the declared one")]
    public static partial void WebhookReadLeniently(ILogger logger, string provider, string eventId, string eventType, string? apiVersion);

    [LoggerMessage(EventId = 60, Level = LogLevel.Warning, Message = "{Provider}: webhook event {EventId} ({EventType}) names no payment Jamcart can read; acknowledged as other")]
    public static partial void WebhookPaymentUnreadable(ILogger logger, string provider, string eventId, string eventType);

    [LoggerMessage(EventId = 61, Level = LogLevel.Debug, Message = "{Provider}: webhook event {EventId} ({EventType}) verified")]
    public static partial void WebhookVerified(ILogger logger, string provider, string eventId, string eventType);

    // Information: only a retry whose earlier attempt left a refund unanswered lists them, and an operator may ask why.
    [LoggerMessage(EventId = 62, Level = LogLevel.Information, Message = "{Provider}: listed the {Count} refunds of payment {PaymentId}")]
    public static partial void RefundsListed(ILogger logger, string provider, int count, string paymentId);
}
