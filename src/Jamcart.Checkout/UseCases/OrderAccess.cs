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
        if (!OrderIds.IsWellFormed(orderId) || !OrderIds.IsPlausibleToken(orderToken))
        {
            throw new OrderNotFoundException();
        }

        // The id and the token's hash are looked for in one read: a wrong token finds no row, as an unknown id does,
        // and its order's lines are never read, so neither the work nor the time tells the two apart. Comparing
        // hashes in SQL is not constant-time, and need not be: a timing could at most tell the stored hash, which
        // opens nothing without a token that hashes to it.
        return await store.GetOrderWithTokenAsync(orderId!, OrderIds.HashToken(orderToken), cancellationToken)
            ?? throw new OrderNotFoundException();
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
