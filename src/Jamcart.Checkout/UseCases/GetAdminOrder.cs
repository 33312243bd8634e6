using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;

namespace Jamcart.Checkout.UseCases;

/// <summary>An order as the shop sees it, with the refunds made for it and the disputes of its payment, oldest first.</summary>
public sealed record AdminOrder(Order Order, IReadOnlyList<OrderRefund> Refunds)
{
    public IReadOnlyList<OrderDispute> Disputes { get; init; } = [];

    /// <summary>The order with its refunds and disputes as stored now.</summary>
    internal static async Task<AdminOrder> ReadAsync(ICheckoutStore store, Order order, CancellationToken ct) =>
        new(order, await store.GetRefundsAsync(order.Id, ct)) { Disputes = await store.GetDisputesAsync(order.Id, ct) };
}

/// <summary>
/// <c>GET /api/admin/orders/{orderId}</c>: one order with its refunds and disputes, for the shop (no token: the admin
/// key was checked), as the buyer sees it now (a pending order past its reservation is expired).
/// </summary>
public sealed class GetAdminOrder(ICheckoutStore store, TimeProvider time)
{
    /// <exception cref="OrderNotFoundException">No such order.</exception>
    public async Task<AdminOrder> HandleAsync(string orderId, CancellationToken ct)
    {
        var order = OrderIds.IsWellFormed(orderId) ? await store.GetOrderAsync(orderId, ct) : null;
        if (order is null)
        {
            throw new OrderNotFoundException();
        }

        return await AdminOrder.ReadAsync(store, OrderAccess.AsSeenAt(order, time.StoreNow()), ct);
    }
}
