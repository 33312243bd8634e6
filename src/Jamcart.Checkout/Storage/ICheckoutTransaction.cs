using Jamcart.Checkout.Orders;

namespace Jamcart.Checkout.Storage;

/// <summary>
/// One write transaction: nothing is visible to others until <see cref="CommitAsync"/>, and disposing without
/// committing rolls everything back. Each method is one conditional statement whose affected rows are checked, so
/// two instances racing for the same stock or the same order cannot both win.
/// </summary>
public interface ICheckoutTransaction : IAsyncDisposable
{
    /// <summary>Reads an order and locks it until the transaction ends (PostgreSQL <c>FOR UPDATE</c>).</summary>
    Task<Order?> GetOrderForUpdateAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Releases the SKU's reservations whose expiry has passed at <paramref name="now"/>, so they stop counting before
    /// anything is reserved or sold; returns how many units came free. Needs no sweeper.
    /// </summary>
    Task<long> ReleaseExpiredReservationsAsync(string sku, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Reserves <paramref name="quantity"/> units when on hand minus reserved allows it; false (and no change) otherwise or for an unknown SKU.</summary>
    Task<bool> TryReserveAsync(string sku, int quantity, CancellationToken cancellationToken);

    /// <summary>The SKU's stock as this transaction sees it, or null for an unknown SKU.</summary>
    Task<InventoryLevel?> GetInventoryAsync(string sku, CancellationToken cancellationToken);

    /// <summary>Inserts a new order with its lines, and a running reservation per line until <see cref="Order.ReservedUntil"/>.</summary>
    /// <remarks>The units must already be reserved with <see cref="TryReserveAsync"/> in this transaction.</remarks>
    Task InsertOrderAsync(Order order, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes an order that nobody was ever told of, with its lines and its reservations (which must be released in
    /// this transaction first); false (and no change) when it has a payment or is no longer pending payment.
    /// </summary>
    Task<bool> DeleteUnseenOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Writes <paramref name="order"/> if the stored one still has its <see cref="Order.Version"/>; false (and no change) otherwise.</summary>
    Task<bool> TryUpdateOrderAsync(Order order, CancellationToken cancellationToken);

    /// <summary>Releases the order's running reservations; returns the SKUs and quantities released (none when already released).</summary>
    Task<IReadOnlyList<OrderLineQuantity>> ReleaseReservationsAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Turns the order's running reservation of <paramref name="sku"/> into a sale, if on hand still covers it.</summary>
    Task<SellOutcome> SellReservedAsync(string orderId, string sku, CancellationToken cancellationToken);

    /// <summary>Sells units that were not reserved (a payment after its reservation ended) when on hand minus reserved allows it.</summary>
    Task<bool> TrySellUnreservedAsync(string sku, int quantity, CancellationToken cancellationToken);

    /// <summary>Puts sold units back on hand (a full refund).</summary>
    Task RestockAsync(string sku, int quantity, CancellationToken cancellationToken);

    /// <summary>
    /// Whether the SKU is in the synced catalog and still in the store: a draft is, a product a catalog sync found gone
    /// (kept only so that its stock survives a re-add) is not.
    /// </summary>
    Task<bool> IsInCatalogAsync(string sku, CancellationToken cancellationToken);

    /// <summary>Sets the units on hand; null for an unknown SKU.</summary>
    Task<InventoryLevel?> SetOnHandAsync(string sku, long onHand, CancellationToken cancellationToken);

    /// <summary>Records a provider event id; false when it was recorded before (the event is a duplicate).</summary>
    Task<bool> TryRecordEventAsync(string eventId, string type, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Records a refund as <see cref="OrderRefund.Answered"/> says; false (and no change) when the refund id is already recorded.</summary>
    Task<bool> TryInsertRefundAsync(string orderId, OrderRefund refund, CancellationToken cancellationToken);

    /// <summary>
    /// Records a refund as answered to the request that made it: inserted, or marked answered when its event recorded it
    /// first; false (and no change) when another request was already answered with it.
    /// </summary>
    Task<bool> TryAnswerRefundAsync(string orderId, OrderRefund refund, CancellationToken cancellationToken);

    /// <summary>Forgets the refund attempt with this key (<see cref="ICheckoutStore.RecordRefundAttemptAsync"/>), if any: its answer is recorded.</summary>
    Task ForgetRefundAttemptAsync(string requestKey, CancellationToken cancellationToken);

    /// <summary>
    /// Records a refund's new status as the provider reported it; false when the refund is not recorded or already says
    /// so. A refund recorded as failed or canceled keeps that status: the provider's refunds end there, and a report
    /// of an earlier status that arrives late must not undo it.
    /// </summary>
    Task<bool> TrySetRefundStatusAsync(string refundId, string status, string? failureReason, CancellationToken cancellationToken);

    /// <summary>
    /// Records a dispute of the order's payment, or its new state; false (and no change) when it says so already, or
    /// when the recorded one was decided and this one is not (a report of an earlier state that came late).
    /// </summary>
    Task<bool> TryRecordDisputeAsync(string orderId, OrderDispute dispute, CancellationToken cancellationToken);

    Task EnqueueAsync(OutboxMessage message, DateTimeOffset now, CancellationToken cancellationToken);

    Task CommitAsync(CancellationToken cancellationToken);
}
