using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

namespace Jamcart.Checkout.UseCases;

/// <summary>How the buyer's endpoints find an order: by id and token, a wrong token answering like a missing order (I6).</summary>
internal static class OrderAccess
{
    private static readonly string NoOrderHash = OrderIds.HashToken("no order has this token");

    /// <exception cref="OrderNotFoundException">No such order, or the token is not its token.</exception>
    public static async Task<Order> FindAsync(ICheckoutStore store, string? orderId, string? orderToken, CancellationToken cancellationToken)
    {
        // Both checks run before any answer is given, so a caller cannot tell which of them failed.
        if (!OrderIds.IsWellFormed(orderId) || string.IsNullOrEmpty(orderToken))
        {
            throw new OrderNotFoundException();
        }

        var order = await store.GetOrderAsync(orderId!, cancellationToken);

        // The token is hashed and compared even for a missing order, so the answer takes as long either way.
        var matches = OrderIds.TokenMatches(orderToken, order?.TokenHash ?? NoOrderHash);
        if (order is null || !matches)
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
