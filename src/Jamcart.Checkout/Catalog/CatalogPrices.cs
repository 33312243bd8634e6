namespace Jamcart.Checkout.Catalog;

/// <summary>What a checkout prices from, read together: the synced settings (null before the first sync) and the sellable products among the SKUs asked for.</summary>
/// <param name="Unreserved">
/// Each sellable SKU's units on hand less its reservation counter, as read. Reservations that ran out count until a
/// write releases them, so this may say less than is available, never more than was at the read.
/// </param>
/// <param name="Running">
/// For each sellable SKU whose <paramref name="Unreserved"/> is 0 or less (a sale that sold out, or carts that ran out
/// and hold its counter): its units on hand less only the reservations still running, read with the counters. What
/// was available at the read; absent for the other SKUs, whose reservations are not looked at.
/// </param>
public sealed record CatalogPrices(
    StoreSettings? Settings,
    IReadOnlyDictionary<string, CatalogItem> Sellable,
    IReadOnlyDictionary<string, long> Unreserved,
    IReadOnlyDictionary<string, long> Running);
