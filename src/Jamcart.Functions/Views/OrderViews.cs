using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.UseCases;
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

    /// <summary>The shop's view in order lists: everything the buyer sees unmasked and the address; no client secret.</summary>
    public static AdminOrderView ForAdmin(Order order, IPaymentProvider provider) =>
        new(ForBuyer(order, provider), order.Email, order.ShippingAddress, null);

    /// <summary>The shop's view of one order: as in lists, with its refunds and the disputes of its payment.</summary>
    public static AdminOrderView ForAdmin(AdminOrder admin, IPaymentProvider provider)
    {
        ArgumentNullException.ThrowIfNull(admin);
        return ForAdmin(admin.Order, provider) with
        {
            Refunds = [.. admin.Refunds.Select(refund => new RefundView(refund.Id, refund.Amount.Minor, Utc(refund.CreatedAt), refund.Status, refund.FailureReason))],
            Disputes = [.. admin.Disputes.Select(dispute => new DisputeView(
                dispute.Id, dispute.Amount.Minor, dispute.Reason, dispute.Status, dispute.DueBy is { } due ? Utc(due) : null, Utc(dispute.CreatedAt)))],
        };
    }

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
