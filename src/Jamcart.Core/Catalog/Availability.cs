namespace Jamcart.Core;

/// <summary>The availability a page renders for one product: a state, and the count only when it is low.</summary>
public readonly record struct Availability(AvailabilityState State, int LowCount)
{
    /// <summary>
    /// Maps a count of available units to what a page shows. The count is kept only in the
    /// low-stock state, so that most sales change no rendered byte and rebuild nothing.
    /// </summary>
    public static Availability From(long available, int lowStockThreshold) => available switch
    {
        <= 0 => new(AvailabilityState.SoldOut, 0),
        _ when available <= lowStockThreshold => new(AvailabilityState.LowStock, (int)available),
        _ => new(AvailabilityState.InStock, 0),
    };

    /// <summary>The schema.org ItemAvailability URL for JSON-LD offers.</summary>
    public string SchemaOrgUrl => State == AvailabilityState.SoldOut
        ? "https://schema.org/OutOfStock"
        : "https://schema.org/InStock";

    /// <summary>The state as a snake_case word for templates and JSON (in_stock, low_stock, sold_out).</summary>
    public string Code => State switch
    {
        AvailabilityState.InStock => "in_stock",
        AvailabilityState.LowStock => "low_stock",
        _ => "sold_out",
    };
}
