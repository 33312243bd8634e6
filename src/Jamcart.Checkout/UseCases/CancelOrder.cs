using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>
/// <c>POST /api/orders/{orderId}/cancel</c>: the buyer gives up a pending order. The payment is canceled at the
/// provider first, so that it can never be charged once the stock is released.
/// </summary>
public sealed class CancelOrder(ICheckoutStore store, IPaymentProvider provider, TimeProvider time, ILogger<CancelOrder> logger)
{
    internal const string CanceledByBuyerReason = "Canceled by the buyer.";

    private readonly PaymentApplier _payments = new(store, provider, time, logger);

    /// <exception cref="OrderNotFoundException">No such order, or a wrong or missing token.</exception>
    /// <exception cref="OrderStateConflictException">The order is not pending: paid (perhaps just now), expired or ended.</exception>
    /// <exception cref="PaymentProviderUnavailableException">The payment could not be canceled; the order is unchanged.</exception>
    public async Task<Order> HandleAsync(string orderId, string? orderToken, CancellationToken ct)
    {
        // As the buyer reads it: an order past its reservation is expired (its stock is already back on sale), so it
        // answers the same whether or not reconciliation has written that yet.
        var order = OrderAccess.AsSeenAt(await OrderAccess.FindAsync(store, orderId, orderToken, ct), time.StoreNow());
        EnsurePending(order);

        var canceledHere = false;
        if (order.PaymentId is not null)
        {
            (var payment, canceledHere) = await CancelPaymentAsync(order.PaymentId, order.Id, ct);
            if (payment is not null && payment.Status != PaymentStatus.Canceled)
            {
                // It succeeded (or is being processed) before the cancel reached the provider: the money wins.
                var outcome = await _payments.ApplyAsync(order.Id, payment, claim: null, ct);
                throw Conflict(outcome.Order.Status, payment.Status == PaymentStatus.Succeeded
                    ? "The order was paid before it could be canceled."
                    : "The payment is being processed and can no longer be canceled.");
            }
        }

        return await StoreRetry.RunAsync(async () =>
        {
            var now = time.StoreNow();
            await using var transaction = await store.BeginAsync(ct);
            var current = await transaction.GetOrderForUpdateAsync(order.Id, ct) ?? throw new OrderNotFoundException();
            if (current.Status is OrderStatus.Canceled or OrderStatus.Expired && order.PaymentId is not null)
            {
                // The provider's canceled event got here first (an order past its reservation ends as expired). The
                // event cannot tell who canceled; when it reported this request's own cancel, the buyer did.
                if (!canceledHere || current is not { Status: OrderStatus.Canceled, StatusReason: PaymentApplier.CanceledAtProviderReason })
                {
                    return current;
                }

                var relabeled = await transaction.UpdateAsync(current with { StatusReason = CanceledByBuyerReason, UpdatedAt = now }, ct);
                await transaction.CommitAsync(ct);
                return relabeled;
            }

            EnsurePending(current);
            var canceled = await OrderTransitions.EndUnpaidAsync(transaction, current, OrderStatus.Canceled, CanceledByBuyerReason, announce: true, now, ct);
            await transaction.CommitAsync(ct);
            CheckoutLog.Moved(logger, order.Id, current.Status, canceled.Status);
            return canceled;
        });
    }

    /// <summary>
    /// The payment as canceled or as it is now, and whether this cancel (the buyer's key) is what canceled it; null
    /// when the provider has no such payment, which nobody can then charge.
    /// </summary>
    private async Task<(ProviderPayment? Payment, bool CanceledHere)> CancelPaymentAsync(string paymentId, string orderId, CancellationToken ct)
    {
        try
        {
            return (await provider.CancelAsync(paymentId, PaymentKeys.Cancel(orderId), ct), true);
        }
        catch (PaymentRequestRejectedException missing) when (missing.ResourceMissing)
        {
            CheckoutLog.ProviderRefused(logger, orderId, "cancel", missing.Code);
            return (null, false);
        }
        catch (PaymentRequestRejectedException)
        {
            // A payment that succeeded, is processing or was canceled by someone else cannot be canceled: ask what it is.
            return (await provider.GetAsync(paymentId, ct), false);
        }
    }

    private static void EnsurePending(Order order)
    {
        if (order.Status != OrderStatus.PendingPayment)
        {
            throw Conflict(order.Status, $"Only an order waiting for payment can be canceled; this one is {OrderStatuses.ToWire(order.Status)}.");
        }
    }

    private static OrderStateConflictException Conflict(OrderStatus status, string message) => new(status, message);
}
