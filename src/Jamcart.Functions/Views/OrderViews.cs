using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Functions.Contracts;

namespace Jamcart.Functions.Views;

/// <summary>Orders as the API shows them: to their buyer, to the shop, and right after checkout.</summary>
public static class OrderViews
{
    /// <summary>The buyer's view: e-mail masked, <c>payment</c> only while the order waits for it.</summary>
    /// <param name="script">Where browsers load the provider's script; left out of the view when null.</param>
    public static OrderView ForBuyer(Order order, IPaymentProvider provider, PaymentScript? script = null) =>
        new(Summary(order), EmailMask.Mask(order.Email), Utc(order.CreatedAt), Utc(order.ReservedUntil))
        {
            PaidAt = order.PaidAt is { } paid ? Utc(paid) : null,
            LastPaymentError = order.LastPaymentError,
            RefundedAmount = order.RefundedAmount,
            StatusReason = order.StatusReason,
            Payment = Payment(order, provider, script),
        };

    /// <summary>The shop's view: everything the buyer sees unmasked, the address and the refunds; no client secret.</summary>
    /// <param name="refunds">Null in order lists, which leave refunds out.</param>
    public static AdminOrderView ForAdmin(Order order, IReadOnlyList<OrderRefund>? refunds, IPaymentProvider provider) =>
        new(
            ForBuyer(order, provider),
            order.Email,
            order.ShippingAddress,
            refunds is null ? null : [.. refunds.Select(refund => new RefundView(refund.Id, refund.Amount.Minor, Utc(refund.CreatedAt), refund.Status, refund.FailureReason))]);

    /// <summary>The 201 of checkout: the order, its token, and how to pay.</summary>
    public static CheckoutResponse ForCheckout(Order order, string orderToken, IPaymentProvider provider, PaymentScript? script = null) =>
        new(Summary(order), orderToken, Utc(order.ReservedUntil)) { Payment = Payment(order, provider, script) };

    private static OrderSummaryView Summary(Order order)
    {
        ArgumentNullException.ThrowIfNull(order);
        return new OrderSummaryView
        {
            OrderId = order.Id,
            Status = OrderStatuses.ToWire(order.Status),
            Currency = order.Currency.Code,
            Lines = [.. order.Lines.Select(line => new OrderLineView(line.Sku, line.Title, line.Quantity, line.UnitPrice.Minor, line.Amount.Minor))],
            Subtotal = order.Subtotal.Minor,
            Shipping = order.Shipping.Minor,
            Discount = order.Discount.Minor,
            Tax = order.Tax.Minor,
            TaxInclusive = order.TaxInclusive,
            Total = order.Total.Minor,
        };
    }

    private static PaymentView? Payment(Order order, IPaymentProvider provider, PaymentScript? script) =>
        order.Status == OrderStatus.PendingPayment && order.ClientSecret is { } secret
            ? new PaymentView(order.PaymentProvider, provider.PublishableKey, secret) { ScriptUrl = script?.Url }
            : null;

    // Written with a Z, as in the API's examples.
    private static DateTime Utc(DateTimeOffset value) => value.UtcDateTime;
}
