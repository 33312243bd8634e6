namespace Jamcart.Checkout.Storage;

/// <summary>What became of turning an order's reservation into a sale.</summary>
public enum SellOutcome
{
    /// <summary>The reservation was turned into a sale: on hand and reserved both went down.</summary>
    Sold,

    /// <summary>The order holds no running reservation for the SKU (released at expiry or cancel); nothing changed.</summary>
    NotReserved,

    /// <summary>The reservation exists but on hand was set below it (stock was lost); nothing changed.</summary>
    InsufficientStock,
}
