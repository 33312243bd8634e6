namespace Jamcart.Checkout.Storage;

/// <summary>The kinds of outbox messages.</summary>
public static class OutboxKinds
{
    public const string OrderPaid = "order.paid";
    public const string OrderRefunded = "order.refunded";
    public const string OrderExpired = "order.expired";
    public const string OrderCanceled = "order.canceled";
    public const string StockChanged = "stock.changed";
    public const string CatalogSynced = "catalog.synced";

    /// <summary>A paid order's receipt e-mail, written beside <see cref="OrderPaid"/>; only the receipt sender consumes it.</summary>
    public const string ReceiptSend = "receipt.send";

    /// <summary>The kinds the rebuild worker consumes: everything that can change a page.</summary>
    public static IReadOnlyList<string> Rebuild { get; } = [OrderPaid, OrderRefunded, OrderExpired, OrderCanceled, StockChanged, CatalogSynced];

    /// <summary>The kinds the receipt sender consumes.</summary>
    public static IReadOnlyList<string> Receipts { get; } = [ReceiptSend];
}
