using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>The checkout's log lines: order ids, payment ids, SKUs and statuses only, never e-mails, tokens, addresses or client secrets.</summary>
internal static partial class CheckoutLog
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Order {OrderId} placed: {Lines} lines, total {Total} minor units, payment {PaymentId}")]
    public static partial void Placed(ILogger logger, string orderId, int lines, long total, string paymentId);

    [LoggerMessage(EventId = 101, Level = LogLevel.Warning, Message = "Order {OrderId} withdrawn before the buyer saw it: {Reason}")]
    public static partial void Withdrawn(ILogger logger, string orderId, string reason);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Order {OrderId} moved from {From} to {To}")]
    public static partial void Moved(ILogger logger, string orderId, OrderStatus from, OrderStatus to);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "Order {OrderId}: payment {PaymentId} does not match the order ({Mismatch}); the order was not paid")]
    public static partial void Mismatch(ILogger logger, string orderId, string paymentId, string mismatch);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "Order {OrderId} was paid after its stock was gone ({Sku}); refunding {Amount} minor units")]
    public static partial void StockGone(ILogger logger, string orderId, string sku, long amount);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "Order {OrderId}: refund {RefundId} of {Amount} minor units ({RefundStatus})")]
    public static partial void Refunded(ILogger logger, string orderId, string refundId, long amount, string refundStatus);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "Order {OrderId}: the payment provider is unavailable during {Step}; reconciliation will finish it")]
    public static partial void Deferred(ILogger logger, string orderId, string step);

    [LoggerMessage(EventId = 107, Level = LogLevel.Error, Message = "Order {OrderId}: the provider refused the automatic refund ({Code}); refund it by hand")]
    public static partial void RefundRefused(ILogger logger, string orderId, string code);

    [LoggerMessage(EventId = 108, Level = LogLevel.Information, Message = "Order {OrderId}: payment attempt declined ({Code})")]
    public static partial void Declined(ILogger logger, string orderId, string code);

    [LoggerMessage(EventId = 109, Level = LogLevel.Debug, Message = "Webhook event {EventId} ({EventType}): {Outcome}")]
    public static partial void Webhook(ILogger logger, string eventId, string eventType, WebhookOutcome outcome);

    [LoggerMessage(EventId = 110, Level = LogLevel.Warning, Message = "Webhook refused: {Reason}")]
    public static partial void WebhookRefused(ILogger logger, string reason);

    [LoggerMessage(EventId = 111, Level = LogLevel.Information, Message = "Stock of {Sku} set to {OnHand} ({Reserved} reserved)")]
    public static partial void StockSet(ILogger logger, string sku, long onHand, long reserved);

    [LoggerMessage(EventId = 112, Level = LogLevel.Information, Message = "Reconciliation: {Checked} orders checked, {Expired} expired, {Abandoned} abandoned, {Paid} paid, {Refunded} refunded, {Deferred} left for the next run")]
    public static partial void Reconciled(ILogger logger, int @checked, int expired, int abandoned, int paid, int refunded, int deferred);

    [LoggerMessage(EventId = 114, Level = LogLevel.Warning, Message = "Reconciliation stopped with {Left} orders still due; the next run takes them up")]
    public static partial void ReconcileLeft(ILogger logger, long left);

    [LoggerMessage(EventId = 120, Level = LogLevel.Warning, Message = "Order {OrderId}: a refund of {Amount} minor units failed at the payment provider; {Refunded} remain refunded")]
    public static partial void RefundFailed(ILogger logger, string orderId, long amount, long refunded);

    [LoggerMessage(EventId = 121, Level = LogLevel.Warning, Message = "Order {OrderId}: its payment is disputed ({Reason}, {Amount} minor units, dispute {DisputeId} {DisputeStatus})")]
    public static partial void Disputed(ILogger logger, string orderId, string reason, long amount, string disputeId, string disputeStatus);

    [LoggerMessage(EventId = 122, Level = LogLevel.Warning, Message = "Order {OrderId}: the payment provider refused to act on its payment during {Step} ({Code}); a person should look")]
    public static partial void ProviderRefused(ILogger logger, string orderId, string step, string code);

    [LoggerMessage(EventId = 124, Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) comes from the payment provider's other mode (live or test) than the shop's keys; acknowledged, nothing applied")]
    public static partial void WebhookFromOtherMode(ILogger logger, string eventId, string eventType);

    [LoggerMessage(EventId = 123, Level = LogLevel.Warning, Message = "Webhook event {EventId} ({EventType}) is about an object the payment provider does not have ({Code}); acknowledged, nothing applied")]
    public static partial void WebhookObjectMissing(ILogger logger, string eventId, string eventType, string code);

    [LoggerMessage(EventId = 113, Level = LogLevel.Warning, Message = "Order {OrderId}: the store was busy during {Step}; reconciliation will finish it")]
    public static partial void Busy(ILogger logger, string orderId, string step);
}
