using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Orders;
using Jamcart.Storage.Tests.Builders;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>
/// A new order's reservations and insert in one write (on PostgreSQL one statement for an order of one SKU, a
/// transaction of one round trip and its commit for several).
/// </summary>
public abstract partial class CheckoutStoreContract
{
    public static TheoryData<string> Carts => ["one SKU", "two SKUs"];

    [Theory]
    [MemberData(nameof(Carts))]
    public async Task placing_an_order_reserves_every_line_and_keeps_the_order(string cart)
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 3));
        var order = cart == "one SKU" ? TestOrders.Pending(Now, ("TEA-2", 3)) : TestOrders.Pending(Now, ("TEA-2", 3), ("TEA-1", 2));

        (await Store.TryPlaceOrderAsync(order, Ct)).ShouldBeTrue();

        var stored = (await Store.GetOrderAsync(order.Id, Ct)).ShouldNotBeNull();
        stored.Lines.Select(line => (line.Sku, line.Quantity)).ShouldBe(order.Lines.Select(line => (line.Sku, line.Quantity)), ignoreOrder: true);
        (stored.Total, stored.PaidAt, stored.PaymentId, stored.Version).ShouldBe((order.Total, (DateTimeOffset?)null, (string?)null, order.Version));
        var reserved = cart == "one SKU" ? (0L, 3L) : (2L, 3L);
        ((await CountersAsync("TEA-1"))!.Reserved, (await CountersAsync("TEA-2"))!.Reserved).ShouldBe(reserved);
        ((await LevelAsync("TEA-1")).Available, (await LevelAsync("TEA-2")).Available).ShouldBe((5 - reserved.Item1, 0L));
        (await RunningReservationsAsync(order.Id)).ShouldBe(order.Lines.Select(line => (line.Sku, line.Quantity)), ignoreOrder: true);
    }

    [Theory]
    [InlineData("TEA-1", "two SKUs")]
    [InlineData("TEA-2", "two SKUs")]
    [InlineData("NO-SUCH", "three SKUs")]
    [InlineData("TEA-1", "one SKU")]
    [InlineData("NO-SUCH", "one SKU")]
    public async Task placing_an_order_with_a_line_short_of_stock_says_false_and_writes_nothing(string shortSku, string cart)
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 3));
        var order = (shortSku, cart) switch
        {
            ("TEA-1", "two SKUs") => TestOrders.Pending(Now, ("TEA-1", 6), ("TEA-2", 1)),
            ("TEA-2", "two SKUs") => TestOrders.Pending(Now, ("TEA-1", 1), ("TEA-2", 4)),
            ("NO-SUCH", "three SKUs") => TestOrders.Pending(Now, ("NO-SUCH", 1), ("TEA-1", 1), ("TEA-2", 1)),
            ("TEA-1", _) => TestOrders.Pending(Now, ("TEA-1", 6)),
            _ => TestOrders.Pending(Now, ("NO-SUCH", 1)),
        };

        (await Store.TryPlaceOrderAsync(order, Ct)).ShouldBeFalse();

        (await Store.GetOrderAsync(order.Id, Ct)).ShouldBeNull();
        (await RunningReservationsAsync(order.Id)).ShouldBeEmpty();
        ((await CountersAsync("TEA-1"))!.Reserved, (await CountersAsync("TEA-2"))!.Reserved).ShouldBe((0L, 0L));
    }

    [Fact]
    public async Task placing_an_order_counts_reservations_that_ran_out_until_someone_releases_them()
    {
        await SeedAsync(("TEA-1", 5));
        await PlaceOrderAsync(("TEA-1", 4));
        Time.Advance(TestOrders.Hold + TimeSpan.FromSeconds(1));
        var order = TestOrders.Pending(Now, ("TEA-1", 2));

        (await Store.TryPlaceOrderAsync(order, Ct)).ShouldBeFalse("the caller releases them, line by line, in a transaction");

        (await Store.GetOrderAsync(order.Id, Ct)).ShouldBeNull();
        (await CountersAsync("TEA-1"))!.Reserved.ShouldBe(4);
        (await LevelAsync("TEA-1")).Available.ShouldBe(5, "readers never count them");
    }

    [Theory]
    [MemberData(nameof(Carts))]
    public async Task placing_an_order_makes_a_deferred_claim_in_the_same_write(string cart)
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 3));
        Order Cart() => cart == "one SKU" ? TestOrders.Pending(Now, ("TEA-1", 1)) : TestOrders.Pending(Now, ("TEA-1", 1), ("TEA-2", 1));
        var claim = Deferred();
        using (claim.Enter())
        {
            (await Store.TryPlaceOrderAsync(Cart(), Ct)).ShouldBeTrue();
        }

        claim.Made.ShouldBeTrue();
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>();

        var again = Deferred();
        var second = Cart();
        using (again.Enter())
        {
            await Should.ThrowAsync<IdempotencyKeyTakenException>(() => Store.TryPlaceOrderAsync(second, Ct));
        }

        again.Made.ShouldBeFalse();
        (await Store.GetOrderAsync(second.Id, Ct)).ShouldBeNull();
        ((await CountersAsync("TEA-1"))!.Reserved, (await CountersAsync("TEA-2"))!.Reserved).ShouldBe(cart == "one SKU" ? (1L, 0L) : (1L, 1L));
    }

    [Theory]
    [MemberData(nameof(Carts))]
    public async Task placing_an_order_short_of_stock_leaves_the_claim_made_exactly_when_it_says_so(string cart)
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 3));
        var order = cart == "one SKU" ? TestOrders.Pending(Now, ("TEA-1", 6)) : TestOrders.Pending(Now, ("TEA-1", 1), ("TEA-2", 4));
        var claim = Deferred();
        using (claim.Enter())
        {
            (await Store.TryPlaceOrderAsync(order, Ct)).ShouldBeFalse();
        }

        (await Store.GetOrderAsync(order.Id, Ct)).ShouldBeNull();
        // A claim said to be made is the request's to end; one not made leaves the key free for the request's next write.
        var record = await ClaimAsync();
        if (claim.Made)
        {
            record.ShouldBeOfType<IdempotencyClaim.InProgress>();
        }
        else
        {
            record.ShouldBeOfType<IdempotencyClaim.Claimed>();
        }
    }
}
