using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;

namespace Jamcart.Checkout.UseCases;

/// <summary>
/// The idempotency keys of every provider call, each derived from the order and the step, so that a retry or a
/// later reconciliation run repeats the same call and gets the first answer instead of a second effect (I3).
/// </summary>
internal static class PaymentKeys
{
    /// <summary>
    /// The payment of an order, exactly as first requested. Reconciliation sends it again to find a payment whose
    /// creation outlived the process that asked for it, so nothing in it may depend on settings that can change.
    /// </summary>
    public static CreatePaymentRequest CreateRequest(Order order) =>
        new(order.Id, order.Total, $"order:{order.Id}:create") { Description = $"Order {order.Id}" };

    /// <summary>The buyer canceling a pending order.</summary>
    public static string Cancel(string orderId) => $"order:{orderId}:cancel";

    /// <summary>Reconciliation ending an order whose reservation ran out.</summary>
    public static string Expire(string orderId) => $"order:{orderId}:expire";

    /// <summary>Reconciliation ending an order whose placing never finished.</summary>
    public static string Abandon(string orderId) => $"order:{orderId}:abandon";

    /// <summary>The refund of a payment whose stock could not be honoured (I4).</summary>
    public static string AutoRefund(string orderId) => $"order:{orderId}:auto-refund";

    /// <summary>
    /// The automatic refund's key for <paramref name="due"/> of a payment of <paramref name="total"/>: the key above
    /// for the whole payment, as it always was; one of its own for what is left after a part was refunded by other
    /// means, since the provider refuses a key sent again with another amount.
    /// </summary>
    public static string AutoRefund(string orderId, long due, long total) =>
        due == total ? AutoRefund(orderId) : $"{AutoRefund(orderId)}:{due.ToString(System.Globalization.CultureInfo.InvariantCulture)}";

    /// <summary>
    /// The shop's <paramref name="number"/>th refund of an order (counting from 1, by the refunds answered: <see cref="Orders.OrderRefund.Answered"/>), of
    /// <paramref name="amount"/>. The amount is part of it so that a refund lost in a crash and never recorded does
    /// not hold its number: the same refund sent again finds it, a refund of another amount is one of its own.
    /// </summary>
    public static string Refund(string orderId, int number, long amount) =>
        string.Create(System.Globalization.CultureInfo.InvariantCulture, $"refund:{orderId}:{number}:{amount}");

    /// <summary>Whether <paramref name="key"/> is one of <see cref="Refund"/>'s keys for the order, whatever its number and amount.</summary>
    public static bool IsRefundOf(string orderId, string? key) =>
        key is not null && key.StartsWith($"refund:{orderId}:", StringComparison.Ordinal);
}
