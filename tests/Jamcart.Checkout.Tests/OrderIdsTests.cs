using Jamcart.Checkout.Orders;

using Shouldly;

namespace Jamcart.Checkout.Tests;

/// <summary>Order ids: well-formed, unguessable, and in the order the orders were placed.</summary>
public sealed class OrderIdsTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 27, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ids_sort_in_the_order_their_orders_were_placed()
    {
        DateTimeOffset[] times =
        [
            DateTimeOffset.UnixEpoch,
            Noon,
            Noon.AddMilliseconds(1),
            Noon.AddMilliseconds(31),
            Noon.AddMilliseconds(32),
            Noon.AddSeconds(1),
            Noon.AddDays(1),
            new(2100, 1, 1, 0, 0, 0, TimeSpan.Zero),
            new(9999, 12, 31, 23, 59, 59, TimeSpan.Zero),
        ];

        var ids = times.Select(OrderIds.NewOrderId).ToList();

        ids.ShouldBe(ids.Order(StringComparer.Ordinal).ToList());
        ids.ShouldAllBe(id => OrderIds.IsWellFormed(id));
    }

    [Fact]
    public void ids_of_the_same_millisecond_differ_in_eighty_random_bits()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => OrderIds.NewOrderId(Noon)).ToList();

        ids.Distinct(StringComparer.Ordinal).Count().ShouldBe(1000);
        ids.Select(id => id[..14]).Distinct(StringComparer.Ordinal).ShouldHaveSingleItem();
        ids.ShouldAllBe(id => OrderIds.IsWellFormed(id));

        // Every one of the 32 characters turns up in every random position: nothing in the random part is fixed.
        for (var position = 14; position < 30; position++)
        {
            ids.Select(id => id[position]).Distinct().Count().ShouldBe(32, $"characters seen at position {position}");
        }
    }

    [Theory]
    [InlineData("ord_abcdefghijklmnopqrstuvwxyz")]
    [InlineData("ord_234567abcdefghij234567abcd")]
    public void ids_made_before_the_time_came_first_are_still_well_formed(string id) => OrderIds.IsWellFormed(id).ShouldBeTrue();
}
