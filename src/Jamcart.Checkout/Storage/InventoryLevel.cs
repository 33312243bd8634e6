namespace Jamcart.Checkout.Storage;

/// <summary>
/// One SKU's stock. <c>onHand</c> counts units not yet sold, reserved ones included; <c>reserved</c>
/// counts only reservations still running; <c>available</c> is what can be bought now, never below zero.
/// </summary>
public sealed record InventoryLevel(string Sku, long OnHand, long Reserved)
{
    public long Available => Math.Max(0, OnHand - Reserved);
}
