using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>
/// <c>POST /api/orders/{orderId}/confirm</c>: after the buyer's step in the browser, asks the provider what became of
/// the payment and moves the order. The browser's word is never taken (I1); calling it again changes nothing.
/// </summary>
public sealed class ConfirmOrder(ICheckoutStore store, IPaymentProvider provider, TimeProvider time, ILogger<ConfirmOrder> logger)
{
    private static readonly IReadOnlyDictionary<string, string> NoClientResult = new Dictionary<string, string>();

    private readonly PaymentApplier _payments = new(store, provider, time, logger);

    /// <exception cref="OrderNotFoundException">No such order, or a wrong or missing token.</exception>
    /// <exception cref="PaymentProviderUnavailableException">The provider could not be asked; the order is unchanged.</exception>
    public async Task<Order> HandleAsync(string orderId, string? orderToken, CancellationToken ct)
    {
        var order = await OrderAccess.FindAsync(store, orderId, orderToken, ct);

        // Paid or refunded: the confirmation already happened, and refunds arrive by webhook. Without a payment
        // (placing it never finished) there is nothing to ask the provider.
        if (order.PaymentId is null || OrderStatuses.IsPaid(order.Status) || order.Status == OrderStatus.Refunded)
        {
            return OrderAccess.AsSeenAt(order, time.StoreNow());
        }

        ProviderPayment payment;
        try
        {
            payment = await provider.CompleteAsync(order.PaymentId, NoClientResult, ct);
        }
        catch (PaymentDeclinedException declined)
        {
            // Only providers that confirm on the server refuse a card here; the buyer may try another.
            var declinedOrder = await _payments.RecordDeclineAsync(order.Id, declined.Error, ct);
            return OrderAccess.AsSeenAt(declinedOrder, time.StoreNow());
        }
        catch (PaymentRequestRejectedException missing) when (missing.ResourceMissing)
        {
            // Nothing can pay a payment the provider does not have: the order stays as it is, and reconciliation
            // ends it once its reservation has.
            CheckoutLog.ProviderRefused(logger, order.Id, "confirm", missing.Code);
            return OrderAccess.AsSeenAt(order, time.StoreNow());
        }

        var outcome = await _payments.ApplyAsync(order.Id, payment, claim: null, ct);
        return OrderAccess.AsSeenAt(outcome.Order, time.StoreNow());
    }
}
