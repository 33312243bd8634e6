using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using static Jamcart.Functions.Timing.RequestTimings;

namespace Jamcart.Functions.Timing;

/// <summary>The store database, with every call's duration added to the request's <c>db</c> time.</summary>
internal sealed class TimedCheckoutStore(ICheckoutStore inner) : ICheckoutStore
{
    public async Task<ICheckoutTransaction> BeginAsync(CancellationToken cancellationToken) =>
        new TimedCheckoutTransaction(await TimeAsync(Part.Database, () => inner.BeginAsync(cancellationToken)));

    public Task<bool> TryPlaceOrderAsync(Order order, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryPlaceOrderAsync(order, cancellationToken));

    public Task<bool> TryUpdateOrderAsync(Order order, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryUpdateOrderAsync(order, cancellationToken));

    public Task<bool> TryUpdateOrderAsync(Order order, IdempotencyCompletion completion, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryUpdateOrderAsync(order, completion, cancellationToken));

    public Task<bool> PingAsync(CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.PingAsync(cancellationToken));

    public Task<StoreSettings?> GetSettingsAsync(CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetSettingsAsync(cancellationToken));

    public Task<CatalogPrices> GetPricesAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetPricesAsync(skus, now, cancellationToken));

    public Task<IReadOnlyDictionary<string, InventoryLevel>> GetInventoryAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetInventoryAsync(skus, now, cancellationToken));

    public Task<IReadOnlyDictionary<string, InventoryLevel>> GetCatalogInventoryAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetCatalogInventoryAsync(skus, now, cancellationToken));

    public Task<IReadOnlyDictionary<string, InventoryLevel>> GetSellableInventoryAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetSellableInventoryAsync(skus, now, cancellationToken));

    public Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetOrderAsync(orderId, cancellationToken));

    public Task<Order?> GetOrderWithTokenAsync(string orderId, string tokenHash, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetOrderWithTokenAsync(orderId, tokenHash, cancellationToken));

    public Task<Order?> FindOrderByPaymentIdAsync(string paymentId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.FindOrderByPaymentIdAsync(paymentId, cancellationToken));

    public Task<IReadOnlyList<Order>> ListOrdersAsync(OrderStatus? status, DateTimeOffset now, int limit, OrderCursor? after, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ListOrdersAsync(status, now, limit, after, cancellationToken));

    public Task<IReadOnlyList<OrderRefund>> GetRefundsAsync(string orderId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetRefundsAsync(orderId, cancellationToken));

    public Task RecordRefundAttemptAsync(string orderId, RefundAttempt attempt, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.RecordRefundAttemptAsync(orderId, attempt, cancellationToken));

    public Task<IReadOnlyList<RefundAttempt>> GetRefundAttemptsAsync(string orderId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetRefundAttemptsAsync(orderId, cancellationToken));

    public Task<IReadOnlyList<OrderDispute>> GetDisputesAsync(string orderId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetDisputesAsync(orderId, cancellationToken));

    public Task<IReadOnlyList<Order>> ListOrdersDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ListOrdersDueAsync(now, limit, cancellationToken));

    public Task<long> CountOrdersDueAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.CountOrdersDueAsync(now, cancellationToken));

    public Task<IReadOnlyList<OutboxEntry>> ListPendingOutboxAsync(int limit, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ListPendingOutboxAsync(limit, cancellationToken));

    public Task<IReadOnlyList<OutboxEntry>> ListPendingOutboxAsync(
        IReadOnlyCollection<string> kinds, DateTimeOffset now, int limit, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ListPendingOutboxAsync(kinds, now, limit, cancellationToken));

    public Task<bool> DeferOutboxAsync(long id, DateTimeOffset retryAt, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.DeferOutboxAsync(id, retryAt, cancellationToken));

    public Task MarkOutboxDoneAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.MarkOutboxDoneAsync(ids, now, cancellationToken));

    public Task<CatalogSyncResult> SyncCatalogAsync(StoreSettings settings, IReadOnlyList<CatalogItem> items, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.SyncCatalogAsync(settings, items, now, cancellationToken));
}
