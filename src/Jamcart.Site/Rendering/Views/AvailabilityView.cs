using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>A product's availability as templates read it: <c>product.availability.code</c>, <c>.count</c>, <c>.sold_out</c>.</summary>
public sealed class AvailabilityView(Availability availability)
{
    public string Code => availability.Code;
    public int Count => availability.LowCount;
    public bool SoldOut => availability.State == AvailabilityState.SoldOut;
    public bool Low => availability.State == AvailabilityState.LowStock;
    public bool InStock => availability.State != AvailabilityState.SoldOut;
}
