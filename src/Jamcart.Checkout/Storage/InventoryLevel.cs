namespace Jamcart.Checkout.Storage;

/// <summary>
/// One SKU's stock. <see cref="OnHand"/> counts units not yet sold, reserved ones included; <see cref="Reserved"/>
/// counts only reservations still running; <see cref="Available"/> is what can be bought now, never below zero.
/// </summary>
public sealed record InventoryLevel(string Sku, long OnHand, long Reserved)
{
    public long Available => Math.Max(0, OnHand - Reserved);
}
