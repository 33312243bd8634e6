namespace Jamcart.Core;

/// <summary>Where an order stands. The API writes these in snake_case (<see cref="OrderStatuses.ToWire"/>).</summary>
public enum OrderStatus
{
    /// <summary>Stock is reserved and the buyer may pay; after a declined card they may try another.</summary>
    PendingPayment,

    /// <summary>The provider reported a succeeded payment that matches the order; its stock is sold.</summary>
    Paid,

    /// <summary>The reservation ran out before a payment succeeded; its stock went back on sale.</summary>
    Expired,

    /// <summary>The buyer or the shop canceled it before payment.</summary>
    Canceled,

    /// <summary>All of the payment was given back.</summary>
    Refunded,

    /// <summary>Part of the payment was given back.</summary>
    PartiallyRefunded,
}
