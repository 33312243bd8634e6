using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;

namespace Jamcart.Checkout.UseCases;

/// <summary>An order as the shop sees it, with the refunds made for it, oldest first.</summary>
public sealed record AdminOrder(Order Order, IReadOnlyList<OrderRefund> Refunds);

/// <summary><c>GET /api/admin/orders/{orderId}</c>: one order with its refunds, for the shop (no token: the admin key was checked).</summary>
public sealed class GetAdminOrder(ICheckoutStore store)
{
    /// <exception cref="OrderNotFoundException">No such order.</exception>
    public async Task<AdminOrder> HandleAsync(string orderId, CancellationToken ct)
    {
        var order = OrderIds.IsWellFormed(orderId) ? await store.GetOrderAsync(orderId, ct) : null;
        if (order is null)
        {
            throw new OrderNotFoundException();
        }

        return new AdminOrder(order, await store.GetRefundsAsync(order.Id, ct));
    }
}
