using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

namespace Jamcart.Checkout.UseCases;

/// <summary>A page of orders, newest first, and where the next page starts (null on the last page).</summary>
public sealed record OrderPage(IReadOnlyList<Order> Items, string? NextCursor);

/// <summary>
/// <c>GET /api/admin/orders?status=&amp;limit=&amp;cursor=</c>: the shop's orders, newest first, a page at a time, each
/// as the buyer sees it now (a pending order past its reservation is expired).
/// </summary>
public sealed class ListOrders(ICheckoutStore store, TimeProvider time)
{
    public const int MinLimit = 1;
    public const int DefaultLimit = 50;
    public const int MaxLimit = 100;

    /// <exception cref="InvalidRequestException">A status, limit or cursor that cannot be read, each under its parameter's name.</exception>
    public async Task<OrderPage> HandleAsync(string? status, int? limit, string? cursor, CancellationToken ct)
    {
        var errors = new RequestErrors();
        OrderStatus? wanted = null;
        if (!string.IsNullOrEmpty(status))
        {
            if (OrderStatuses.TryParse(status, out var parsed))
            {
                wanted = parsed;
            }
            else
            {
                errors.Add("status", "Not an order status: pending_payment, paid, expired, canceled, refunded or partially_refunded.");
            }
        }

        var size = limit ?? DefaultLimit;
        if (size is < MinLimit or > MaxLimit)
        {
            errors.Add("limit", $"Must be from {MinLimit} to {MaxLimit}.");
        }

        OrderCursor? after = null;
        if (!string.IsNullOrEmpty(cursor) && !OrderCursor.TryDecode(cursor, out after))
        {
            errors.Add("cursor", "Not a cursor from a previous page's nextCursor.");
        }

        errors.ThrowIfAny();

        // One more than asked for tells whether another page follows, without a count.
        var now = time.StoreNow();
        var orders = await store.ListOrdersAsync(wanted, now, size + 1, after, ct);
        var page = orders.Take(size).Select(order => OrderAccess.AsSeenAt(order, now)).ToList();
        if (orders.Count <= size)
        {
            return new OrderPage(page, null);
        }

        var last = page[^1];
        return new OrderPage(page, new OrderCursor(last.CreatedAt, last.Id).Encode());
    }
}
