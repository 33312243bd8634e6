using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;

using static Jamcart.Functions.Timing.RequestTimings;

namespace Jamcart.Functions.Timing;

/// <summary>A store transaction, with every statement's duration added to the request's <c>db</c> time.</summary>
internal sealed class TimedCheckoutTransaction(ICheckoutTransaction inner) : ICheckoutTransaction
{
    public Task<Order?> GetOrderForUpdateAsync(string orderId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetOrderForUpdateAsync(orderId, cancellationToken));

    public Task<long> ReleaseExpiredReservationsAsync(string sku, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ReleaseExpiredReservationsAsync(sku, now, cancellationToken));

    public Task<bool> TryReserveAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryReserveAsync(sku, quantity, cancellationToken));

    public Task<InventoryLevel?> GetInventoryAsync(string sku, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.GetInventoryAsync(sku, cancellationToken));

    public Task InsertOrderAsync(Order order, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.InsertOrderAsync(order, cancellationToken));

    public Task<bool> DeleteUnseenOrderAsync(string orderId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.DeleteUnseenOrderAsync(orderId, cancellationToken));

    public Task<bool> TryUpdateOrderAsync(Order order, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryUpdateOrderAsync(order, cancellationToken));

    public Task<IReadOnlyList<OrderLineQuantity>> ReleaseReservationsAsync(string orderId, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ReleaseReservationsAsync(orderId, cancellationToken));

    public Task<SellOutcome> SellReservedAsync(string orderId, string sku, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.SellReservedAsync(orderId, sku, cancellationToken));

    public Task<bool> IsInCatalogAsync(string sku, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.IsInCatalogAsync(sku, cancellationToken));

    public Task<bool> TrySellUnreservedAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TrySellUnreservedAsync(sku, quantity, cancellationToken));

    public Task RestockAsync(string sku, int quantity, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.RestockAsync(sku, quantity, cancellationToken));

    public Task<InventoryLevel?> SetOnHandAsync(string sku, long onHand, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.SetOnHandAsync(sku, onHand, cancellationToken));

    public Task<bool> TryRecordEventAsync(string eventId, string type, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryRecordEventAsync(eventId, type, now, cancellationToken));

    public Task<bool> TryInsertRefundAsync(string orderId, OrderRefund refund, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryInsertRefundAsync(orderId, refund, cancellationToken));

    public Task<bool> TryAnswerRefundAsync(string orderId, OrderRefund refund, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryAnswerRefundAsync(orderId, refund, cancellationToken));

    public Task ForgetRefundAttemptAsync(string requestKey, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.ForgetRefundAttemptAsync(requestKey, cancellationToken));

    public Task<bool> TrySetRefundStatusAsync(string refundId, string status, string? failureReason, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TrySetRefundStatusAsync(refundId, status, failureReason, cancellationToken));

    public Task<bool> TryRecordDisputeAsync(string orderId, OrderDispute dispute, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.TryRecordDisputeAsync(orderId, dispute, cancellationToken));

    public Task EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.EnqueueAsync(message, now, cancellationToken));

    public Task CommitAsync(CancellationToken cancellationToken) =>
        TimeAsync(Part.Database, () => inner.CommitAsync(cancellationToken));

    public async ValueTask DisposeAsync() =>
        // Disposing rolls back what was not committed: database time too.
        await TimeAsync(Part.Database, () => inner.DisposeAsync().AsTask());
}
