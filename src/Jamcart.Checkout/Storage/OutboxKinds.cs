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
}
