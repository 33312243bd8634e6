using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;

namespace Jamcart.Checkout.UseCases;

/// <summary><c>GET /api/orders/{orderId}</c>: the order, for whoever holds its token.</summary>
public sealed class GetOrder(ICheckoutStore store, TimeProvider time)
{
    /// <summary>The order; a pending order past its reservation reads as expired, without anything written.</summary>
    /// <exception cref="OrderNotFoundException">No such order, or a wrong or missing token.</exception>
    public async Task<Order> HandleAsync(string orderId, string? orderToken, CancellationToken ct)
    {
        var order = await OrderAccess.FindAsync(store, orderId, orderToken, ct);
        return OrderAccess.AsSeenAt(order, time.StoreNow());
    }
}
