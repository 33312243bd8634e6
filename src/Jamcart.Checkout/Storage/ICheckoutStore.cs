using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Orders;
using Jamcart.Core;

namespace Jamcart.Checkout.Storage;

/// <summary>
/// The store database as the checkout sees it: reads outside any transaction, <see cref="BeginAsync"/> for every
/// change that spans statements, and <see cref="TryUpdateOrderAsync(Order, CancellationToken)"/> for a lone compare-and-set of one order. The same contract is kept by SQLite and PostgreSQL; the checkout never knows which one it talks to.
/// </summary>
public interface ICheckoutStore
{
    /// <summary>Starts a write transaction. On SQLite it takes the write lock at once, on PostgreSQL rows are locked as they are touched.</summary>
    Task<ICheckoutTransaction> BeginAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Reserves every line of a new order and inserts it with a running reservation per SKU, committed at once, all or
    /// nothing; the request's pending <c>Idempotency-Key</c> claim (<see cref="DeferredClaim"/>) is made first, in the
    /// same write. False when the counters could not cover some line: then nothing of the order is written (the claim
    /// may be; <see cref="DeferredClaim.Made"/> says so).
    /// </summary>
    /// <remarks>
    /// Reservations that ran out are not released first: a caller told false does that, line by line, in a
    /// transaction of its own (<see cref="ICheckoutTransaction.ReleaseExpiredReservationsAsync"/>). The store picks the
    /// fewest round trips that keep it atomic.
    /// </remarks>
    /// <exception cref="IdempotencyKeyTakenException">The pending claim's key has a record already; nothing was written.</exception>
    Task<bool> TryPlaceOrderAsync(Order order, CancellationToken cancellationToken);

    /// <summary>
    /// Writes <paramref name="order"/> alone, committed at once, if the stored one still has its <see cref="Order.Version"/>;
    /// false (and no change) otherwise. Cheaper than a transaction where nothing else needs to change with the order.
    /// </summary>
    Task<bool> TryUpdateOrderAsync(Order order, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="TryUpdateOrderAsync(Order, CancellationToken)"/>, and when it writes the order, the same commit ends the
    /// request's <c>Idempotency-Key</c> claim with <paramref name="completion"/>'s answer (marking it stored, unless the
    /// claim was no longer the request's). When it returns false, nothing of either is written.
    /// </summary>
    Task<bool> TryUpdateOrderAsync(Order order, IdempotencyCompletion completion, CancellationToken cancellationToken);

    /// <summary>Whether the database answers (the health check).</summary>
    Task<bool> PingAsync(CancellationToken cancellationToken);

    /// <summary>The synced store settings, or null before the first catalog sync.</summary>
    Task<StoreSettings?> GetSettingsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// What <see cref="GetSettingsAsync"/> reads and the sellable products among <paramref name="skus"/> (synced, not
    /// draft, still in the store; others are left out) with their stock counters, in one read (one round trip on
    /// PostgreSQL), as a checkout needs them; for a SKU whose counters leave nothing, also its stock counting only the
    /// reservations still running at <paramref name="now"/> (<see cref="CatalogPrices.Running"/>).
    /// </summary>
    Task<CatalogPrices> GetPricesAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Stock of each known SKU among <paramref name="skus"/>, counting only reservations running at <paramref name="now"/>.</summary>
    Task<IReadOnlyDictionary<string, InventoryLevel>> GetInventoryAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="GetInventoryAsync"/> for the SKUs among <paramref name="skus"/> in the catalog: synced and still in the
    /// store, drafts included (see <see cref="ICheckoutTransaction.IsInCatalogAsync"/>).
    /// </summary>
    Task<IReadOnlyDictionary<string, InventoryLevel>> GetCatalogInventoryAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// <see cref="GetInventoryAsync"/> for the SKUs among <paramref name="skus"/> that are for sale: synced, and neither a
    /// draft nor gone from the store. Of the others nothing is told, not even that they exist.
    /// </summary>
    Task<IReadOnlyDictionary<string, InventoryLevel>> GetSellableInventoryAsync(IReadOnlyCollection<string> skus, DateTimeOffset now, CancellationToken cancellationToken);

    Task<Order?> GetOrderAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// The order with this id and this <see cref="Order.TokenHash"/>, or null: a wrong token hash is matched in the
    /// same read that looks for the id, so it costs what an unknown id costs and nothing more is read.
    /// </summary>
    Task<Order?> GetOrderWithTokenAsync(string orderId, string tokenHash, CancellationToken cancellationToken);

    /// <summary>
    /// The order whose payment has this provider id, or null. No index serves it (an index over ids the provider makes
    /// up at random costs every checkout a page of its own): it reads every order, and is for the rare event whose
    /// order id the provider no longer agrees with.
    /// </summary>
    Task<Order?> FindOrderByPaymentIdAsync(string paymentId, CancellationToken cancellationToken);

    /// <summary>
    /// Orders newest first, after <paramref name="after"/> when given; at most <paramref name="limit"/>. The status
    /// filter takes an order as seen at <paramref name="now"/>: one pending payment whose reservation ended by then is
    /// expired, as <c>OrderAccess.AsSeenAt</c> shows it, whether or not reconciliation has written that yet.
    /// </summary>
    Task<IReadOnlyList<Order>> ListOrdersAsync(OrderStatus? status, DateTimeOffset now, int limit, OrderCursor? after, CancellationToken cancellationToken);

    /// <summary>The refunds made for an order, oldest first.</summary>
    Task<IReadOnlyList<OrderRefund>> GetRefundsAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>
    /// Records, committed at once, that a refund is about to be asked of the provider under
    /// <see cref="RefundAttempt.RequestKey"/>; an attempt with that key recorded already is left as it is.
    /// </summary>
    Task RecordRefundAttemptAsync(string orderId, RefundAttempt attempt, CancellationToken cancellationToken);

    /// <summary>The order's refund attempts whose answer was never recorded (<see cref="RecordRefundAttemptAsync"/>), oldest first.</summary>
    Task<IReadOnlyList<RefundAttempt>> GetRefundAttemptsAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>The disputes of an order's payment, oldest first.</summary>
    Task<IReadOnlyList<OrderDispute>> GetDisputesAsync(string orderId, CancellationToken cancellationToken);

    /// <summary>Orders whose <see cref="Order.ReconcileAfter"/> has come, oldest first.</summary>
    Task<IReadOnlyList<Order>> ListOrdersDueAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>How many orders <see cref="ListOrdersDueAsync"/> would list at <paramref name="now"/> without a limit.</summary>
    Task<long> CountOrdersDueAsync(DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Outbox entries not yet marked done, oldest first.</summary>
    Task<IReadOnlyList<OutboxEntry>> ListPendingOutboxAsync(int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Outbox entries of <paramref name="kinds"/> not yet marked done and not put off past <paramref name="now"/>
    /// (<see cref="DeferOutboxAsync"/>), oldest first: each consumer reads only its own kinds.
    /// </summary>
    Task<IReadOnlyList<OutboxEntry>> ListPendingOutboxAsync(IReadOnlyCollection<string> kinds, DateTimeOffset now, int limit, CancellationToken cancellationToken);

    /// <summary>
    /// Puts a pending outbox entry off until <paramref name="retryAt"/> and counts the attempt; false when it is already
    /// done. Its consumer's failures back off per entry, and survive a restart or a takeover by another instance.
    /// </summary>
    Task<bool> DeferOutboxAsync(long id, DateTimeOffset retryAt, CancellationToken cancellationToken);

    /// <summary>Marks outbox entries done; entries already done are left alone.</summary>
    Task MarkOutboxDoneAsync(IReadOnlyCollection<long> ids, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Copies the catalog and settings from a store build: upserts every item, seeds stock for SKUs seen for the
    /// first time (never touching existing stock), makes SKUs no longer present unsellable, and writes one
    /// <see cref="OutboxKinds.CatalogSynced"/> message when anything changed. One transaction.
    /// </summary>
    Task<CatalogSyncResult> SyncCatalogAsync(StoreSettings settings, IReadOnlyList<CatalogItem> items, DateTimeOffset now, CancellationToken cancellationToken);
}
