using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

namespace Jamcart.Checkout.UseCases;

/// <summary>How the buyer's endpoints find an order: by id and token, a wrong token answering like a missing order (I6).</summary>
internal static class OrderAccess
{
    /// <exception cref="OrderNotFoundException">No such order, or the token is not its token.</exception>
    public static async Task<Order> FindAsync(ICheckoutStore store, string? orderId, string? orderToken, CancellationToken cancellationToken)
    {
        // Both checks run before any answer is given, so a caller cannot tell which of them failed.
        if (!OrderIds.IsWellFormed(orderId) || string.IsNullOrEmpty(orderToken))
        {
            throw new OrderNotFoundException();
        }

        var order = await store.GetOrderAsync(orderId!, cancellationToken);
        if (order is null || !OrderIds.TokenMatches(orderToken, order.TokenHash))
        {
            throw new OrderNotFoundException();
        }

        return order;
    }

    /// <summary>
    /// The order as the buyer should see it at <paramref name="now"/>: a pending order whose reservation has run out
    /// reads as expired even before reconciliation has written that, since its stock is already back on sale.
    /// </summary>
    public static Order AsSeenAt(Order order, DateTimeOffset now) =>
        order.Status == OrderStatus.PendingPayment && order.ReservedUntil <= now
            ? order with { Status = OrderStatus.Expired, ClientSecret = null }
            : order;
}
