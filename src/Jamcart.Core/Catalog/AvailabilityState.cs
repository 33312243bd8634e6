namespace Jamcart.Core;

/// <summary>What a page says about a product's stock: pages show a state, not a live count.</summary>
public enum AvailabilityState
{
    InStock,
    LowStock,
    SoldOut,
}
