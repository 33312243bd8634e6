using Jamcart.Checkout.Idempotency;
using Jamcart.Storage.Tests.Builders;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>A new order's reservations and insert in one call (one round trip on PostgreSQL).</summary>
public abstract partial class CheckoutStoreContract
{
    [Fact]
    public async Task reserving_and_inserting_at_once_reserves_every_line_and_keeps_the_order()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 3));
        var order = TestOrders.Pending(Now, ("TEA-2", 3), ("TEA-1", 2));

        await using (var transaction = await Store.BeginAsync(Ct))
        {
            (await transaction.TryReserveAndInsertOrderAsync(order, Ct)).ShouldBeTrue();
            await transaction.CommitAsync(Ct);
        }

        (await Store.GetOrderAsync(order.Id, Ct)).ShouldNotBeNull().Lines.Count.ShouldBe(2);
        ((await CountersAsync("TEA-1"))!.Reserved, (await CountersAsync("TEA-2"))!.Reserved).ShouldBe((2L, 3L));
        ((await LevelAsync("TEA-1")).Available, (await LevelAsync("TEA-2")).Available).ShouldBe((3L, 0L));
    }

    [Theory]
    [InlineData("TEA-1")]
    [InlineData("TEA-2")]
    [InlineData("NO-SUCH")]
    public async Task reserving_and_inserting_at_once_says_false_for_a_line_short_of_stock_and_a_rollback_leaves_nothing(string shortSku)
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 3));
        var order = shortSku switch
        {
            "TEA-1" => TestOrders.Pending(Now, ("TEA-1", 6), ("TEA-2", 1)),
            "TEA-2" => TestOrders.Pending(Now, ("TEA-1", 1), ("TEA-2", 4)),
            _ => TestOrders.Pending(Now, ("NO-SUCH", 1), ("TEA-1", 1), ("TEA-2", 1)),
        };

        await using (var transaction = await Store.BeginAsync(Ct))
        {
            (await transaction.TryReserveAndInsertOrderAsync(order, Ct)).ShouldBeFalse();
        }

        (await Store.GetOrderAsync(order.Id, Ct)).ShouldBeNull();
        ((await CountersAsync("TEA-1"))!.Reserved, (await CountersAsync("TEA-2"))!.Reserved).ShouldBe((0L, 0L));
    }

    [Fact]
    public async Task reserving_and_inserting_at_once_counts_reservations_that_ran_out_until_someone_releases_them()
    {
        await SeedAsync(("TEA-1", 5));
        await PlaceOrderAsync(("TEA-1", 4));
        Time.Advance(TestOrders.Hold + TimeSpan.FromSeconds(1));
        var order = TestOrders.Pending(Now, ("TEA-1", 2));

        await using var transaction = await Store.BeginAsync(Ct);

        (await transaction.TryReserveAndInsertOrderAsync(order, Ct)).ShouldBeFalse("the caller releases them, line by line, in a new transaction");
        (await LevelAsync("TEA-1")).Available.ShouldBe(5, "readers never count them");
    }

    [Fact]
    public async Task reserving_and_inserting_at_once_makes_a_deferred_claim_in_the_same_round_trip()
    {
        await SeedAsync(("TEA-1", 5));
        var claim = Deferred();
        using (claim.Enter())
        {
            await using var transaction = await Store.BeginAsync(Ct);
            (await transaction.TryReserveAndInsertOrderAsync(TestOrders.Pending(Now, ("TEA-1", 1)), Ct)).ShouldBeTrue();
            await transaction.CommitAsync(Ct);
        }

        claim.Made.ShouldBeTrue();
        (await ClaimAsync()).ShouldBeOfType<IdempotencyClaim.InProgress>();

        var again = Deferred();
        var second = TestOrders.Pending(Now, ("TEA-1", 1));
        using (again.Enter())
        {
            await using var transaction = await Store.BeginAsync(Ct);
            await Should.ThrowAsync<IdempotencyKeyTakenException>(() => transaction.TryReserveAndInsertOrderAsync(second, Ct));
        }

        (await Store.GetOrderAsync(second.Id, Ct)).ShouldBeNull();
        (await CountersAsync("TEA-1"))!.Reserved.ShouldBe(1);
    }
}
