using Jamcart.Checkout.Storage;
using Jamcart.Storage.Tests.Builders;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    [Fact]
    public async Task reserving_takes_units_from_available_until_none_are_left()
    {
        await SeedAsync(("TEA-1", 5));

        await PlaceOrderAsync(("TEA-1", 3));
        (await TryPlaceOrderAsync(Store, Now, ("TEA-1", 3))).ShouldBeNull();
        await PlaceOrderAsync(("TEA-1", 2));

        (await LevelAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 5));
        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 5));
    }

    [Fact]
    public async Task availability_counts_running_reservations_only_among_sold_released_and_ran_out_ones()
    {
        await SeedAsync(("TEA-1", 20), ("TEA-2", 20), ("TEA-3", 4));

        // Each placed before any later one could release it (placing releases what ran out by its own time).
        (await TryPlaceOrderAsync(Store, Now, ("TEA-1", 1), ("TEA-3", 4))).ShouldNotBeNull();
        var sold = (await TryPlaceOrderAsync(Store, Now - TimeSpan.FromMinutes(1), ("TEA-1", 3))).ShouldNotBeNull();
        var released = (await TryPlaceOrderAsync(Store, Now - TimeSpan.FromMinutes(1), ("TEA-2", 4))).ShouldNotBeNull();
        (await TryPlaceOrderAsync(Store, Now - TestOrders.Hold - TimeSpan.FromMinutes(1), ("TEA-1", 2), ("TEA-2", 1))).ShouldNotBeNull();
        (await InTransactionAsync(t => t.SellReservedAsync(sold.Id, "TEA-1", Ct))).ShouldBe(SellOutcome.Sold);
        await InTransactionAsync(t => t.ReleaseReservationsAsync(released.Id, Ct));

        var now = await Store.GetInventoryAsync(["TEA-1", "TEA-2", "TEA-3", "NO-SUCH-SKU"], Now, Ct);
        var later = await Store.GetInventoryAsync(["TEA-1", "TEA-2", "TEA-3"], Now + TestOrders.Hold, Ct);

        now.Values.OrderBy(level => level.Sku, StringComparer.Ordinal).ShouldBe(
            [new InventoryLevel("TEA-1", 17, 1), new InventoryLevel("TEA-2", 20, 0), new InventoryLevel("TEA-3", 4, 4)]);
        later.Values.Select(level => level.Available).ShouldBe([17L, 20L, 4L], ignoreOrder: true);
        // The counters count what ran out until a write releases it.
        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 17, 3));
        (await CountersAsync("TEA-2")).ShouldBe(new InventoryLevel("TEA-2", 20, 1));
    }

    [Fact]
    public async Task a_transaction_disposed_without_commit_leaves_nothing_reserved()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 1));
        var order = TestOrders.Pending(Now, ("TEA-1", 2), ("TEA-2", 1));

        await using (var transaction = await Store.BeginAsync(Ct))
        {
            (await transaction.TryReserveAsync("TEA-1", 2, Ct)).ShouldBeTrue();
            (await transaction.TryReserveAsync("TEA-2", 1, Ct)).ShouldBeTrue();
            await transaction.InsertOrderAsync(order, Ct);
            (await transaction.GetInventoryAsync("TEA-1", Ct)).ShouldBe(new InventoryLevel("TEA-1", 5, 2));
        }

        (await LevelAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 0));
        (await CountersAsync("TEA-2")).ShouldBe(new InventoryLevel("TEA-2", 1, 0));
        (await Store.GetOrderAsync(order.Id, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task an_order_short_of_one_line_reserves_none_of_them()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 1));

        (await TryPlaceOrderAsync(Store, Now, ("TEA-1", 2), ("TEA-2", 2))).ShouldBeNull();

        (await LevelAsync("TEA-1")).Available.ShouldBe(5);
        (await LevelAsync("TEA-2")).Available.ShouldBe(1);
    }

    [Fact]
    public async Task reserving_more_than_available_or_an_unknown_sku_changes_nothing()
    {
        await SeedAsync(("TEA-1", 2));

        await using var transaction = await Store.BeginAsync(Ct);
        (await transaction.TryReserveAsync("TEA-1", 3, Ct)).ShouldBeFalse();
        (await transaction.TryReserveAsync("NO-SUCH-SKU", 1, Ct)).ShouldBeFalse();
        (await transaction.GetInventoryAsync("TEA-1", Ct)).ShouldBe(new InventoryLevel("TEA-1", 2, 0));
        (await transaction.GetInventoryAsync("NO-SUCH-SKU", Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task hundreds_of_concurrent_reservations_sell_exactly_the_stock()
    {
        await SeedAsync(("LAST-5", 5));

        var attempts = Enumerable.Range(0, 200).Select(_ => Task.Run(() => TryPlaceOrderAsync(Store, Now, ("LAST-5", 1)), Ct));
        var orders = await Task.WhenAll(attempts);

        var placed = orders.Where(order => order is not null).ToList();
        placed.Count.ShouldBe(5);
        (await LevelAsync("LAST-5")).ShouldBe(new InventoryLevel("LAST-5", 5, 5));
        (await CountersAsync("LAST-5")).ShouldBe(new InventoryLevel("LAST-5", 5, 5));
        foreach (var order in placed)
        {
            (await Store.GetOrderAsync(order!.Id, Ct)).ShouldNotBeNull();
        }
    }

    [Fact]
    public async Task reservations_from_two_processes_sharing_the_database_never_oversell()
    {
        await SeedAsync(("LAST-5", 5));
        await using var other = await CheckoutDatabase.OpenAsync(ConnectionString, Time, cancellationToken: Ct);

        var attempts = Enumerable.Range(0, 100)
            .Select(i => Task.Run(() => TryPlaceOrderAsync(i % 2 == 0 ? Store : other.Store, Now, ("LAST-5", 1)), Ct));
        var orders = await Task.WhenAll(attempts);

        orders.Count(order => order is not null).ShouldBe(5);
        (await CountersAsync("LAST-5")).ShouldBe(new InventoryLevel("LAST-5", 5, 5));
    }

    [Fact]
    public async Task expired_reservation_stops_counting_without_a_sweeper()
    {
        await SeedAsync(("TEA-1", 5));
        await PlaceOrderAsync(("TEA-1", 3));
        (await LevelAsync("TEA-1")).Available.ShouldBe(2);

        Time.Advance(TestOrders.Hold);

        (await LevelAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 0));
        (await Database.Stock.GetAvailableAsync(["TEA-1"], Ct))["TEA-1"].ShouldBe(5);
        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 3), "nothing released it yet");
    }

    [Fact]
    public async Task expired_reservations_are_released_before_new_ones_are_taken()
    {
        await SeedAsync(("TEA-1", 2));
        var expired = await PlaceOrderAsync(("TEA-1", 2));
        Time.Advance(TestOrders.Hold + TimeSpan.FromSeconds(1));

        var next = await TryPlaceOrderAsync(Store, Now, ("TEA-1", 2));

        next.ShouldNotBeNull();
        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 2, 2));
        (await InTransactionAsync(t => t.ReleaseReservationsAsync(expired.Id, Ct))).ShouldBeEmpty();
        (await InTransactionAsync(t => t.SellReservedAsync(expired.Id, "TEA-1", Ct))).ShouldBe(SellOutcome.NotReserved);
    }

    [Fact]
    public async Task releasing_expired_reservations_reports_the_units_freed_once()
    {
        await SeedAsync(("TEA-1", 5));
        await PlaceOrderAsync(("TEA-1", 2));
        await PlaceOrderAsync(("TEA-1", 1));
        Time.Advance(TestOrders.Hold);

        (await InTransactionAsync(t => t.ReleaseExpiredReservationsAsync("TEA-1", Now, Ct))).ShouldBe(3);
        (await InTransactionAsync(t => t.ReleaseExpiredReservationsAsync("TEA-1", Now, Ct))).ShouldBe(0);
        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 0));
    }

    [Fact]
    public async Task releasing_an_orders_reservations_twice_releases_them_once()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));
        var order = await PlaceOrderAsync(("TEA-2", 1), ("TEA-1", 2));

        var first = await InTransactionAsync(t => t.ReleaseReservationsAsync(order.Id, Ct));
        var second = await InTransactionAsync(t => t.ReleaseReservationsAsync(order.Id, Ct));

        first.ShouldBe([new OrderLineQuantity("TEA-1", 2), new OrderLineQuantity("TEA-2", 1)]);
        second.ShouldBeEmpty();
        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 0));
        (await CountersAsync("TEA-2")).ShouldBe(new InventoryLevel("TEA-2", 5, 0));
    }

    [Fact]
    public async Task selling_a_reservation_lowers_on_hand_and_reserved_once()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));

        (await InTransactionAsync(t => t.SellReservedAsync(order.Id, "TEA-1", Ct))).ShouldBe(SellOutcome.Sold);
        (await InTransactionAsync(t => t.SellReservedAsync(order.Id, "TEA-1", Ct))).ShouldBe(SellOutcome.NotReserved);
        (await InTransactionAsync(t => t.ReleaseReservationsAsync(order.Id, Ct))).ShouldBeEmpty();

        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 3, 0));
        Time.Advance(TestOrders.Hold);
        (await LevelAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 3, 0), "a sale does not come back when its reservation would have expired");
    }

    [Fact]
    public async Task selling_a_reservation_after_on_hand_was_lowered_below_it_changes_nothing()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 3));
        await InTransactionAsync(t => t.SetOnHandAsync("TEA-1", 2, Ct));

        (await InTransactionAsync(t => t.SellReservedAsync(order.Id, "TEA-1", Ct))).ShouldBe(SellOutcome.InsufficientStock);

        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 2, 3));
        (await InTransactionAsync(t => t.ReleaseReservationsAsync(order.Id, Ct))).ShouldBe([new OrderLineQuantity("TEA-1", 3)]);
    }

    [Fact]
    public async Task selling_a_sku_the_order_did_not_reserve_reports_not_reserved()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));
        var order = await PlaceOrderAsync(("TEA-1", 1));

        (await InTransactionAsync(t => t.SellReservedAsync(order.Id, "TEA-2", Ct))).ShouldBe(SellOutcome.NotReserved);
        (await InTransactionAsync(t => t.SellReservedAsync("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", "TEA-1", Ct))).ShouldBe(SellOutcome.NotReserved);
        (await CountersAsync("TEA-2")).ShouldBe(new InventoryLevel("TEA-2", 5, 0));
    }

    [Fact]
    public async Task selling_unreserved_units_takes_only_what_others_have_not_reserved()
    {
        await SeedAsync(("TEA-1", 5));
        await PlaceOrderAsync(("TEA-1", 3));

        (await InTransactionAsync(t => t.TrySellUnreservedAsync("TEA-1", 3, Ct))).ShouldBeFalse();
        (await InTransactionAsync(t => t.TrySellUnreservedAsync("TEA-1", 2, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TrySellUnreservedAsync("NO-SUCH-SKU", 1, Ct))).ShouldBeFalse();

        (await CountersAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 3, 3));
    }

    [Fact]
    public async Task restocking_puts_sold_units_back_on_hand()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        await InTransactionAsync(t => t.SellReservedAsync(order.Id, "TEA-1", Ct));

        await InTransactionAsync(async t =>
        {
            await t.RestockAsync("TEA-1", 2, Ct);
            return true;
        });

        (await LevelAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 0));
    }

    [Fact]
    public async Task setting_on_hand_below_reserved_reads_zero_available()
    {
        await SeedAsync(("TEA-1", 5));
        await PlaceOrderAsync(("TEA-1", 3));

        var level = await InTransactionAsync(t => t.SetOnHandAsync("TEA-1", 1, Ct));

        level.ShouldBe(new InventoryLevel("TEA-1", 1, 3));
        level!.Available.ShouldBe(0);
        (await LevelAsync("TEA-1")).Available.ShouldBe(0);
        (await Database.Stock.GetAvailableAsync(["TEA-1"], Ct))["TEA-1"].ShouldBe(0);
        (await TryPlaceOrderAsync(Store, Now, ("TEA-1", 1))).ShouldBeNull();
        (await InTransactionAsync(t => t.SetOnHandAsync("NO-SUCH-SKU", 1, Ct))).ShouldBeNull();
    }

    [Fact]
    public async Task stock_source_reports_available_units_of_known_skus()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 0), ("TEA-3", 4));
        await PlaceOrderAsync(("TEA-1", 2));
        Time.Advance(TimeSpan.FromMinutes(1));
        await PlaceOrderAsync(("TEA-3", 4));
        Time.Advance(TestOrders.Hold - TimeSpan.FromSeconds(30));

        var available = await Database.Stock.GetAvailableAsync(["TEA-1", "TEA-2", "TEA-3", "NO-SUCH-SKU"], Ct);

        available.ShouldBe(new Dictionary<string, long> { ["TEA-1"] = 5, ["TEA-2"] = 0, ["TEA-3"] = 0 }, ignoreOrder: true);
    }

    [Fact]
    public async Task sellable_stock_leaves_out_drafts_and_removed_products_which_plain_stock_keeps()
    {
        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1", 5), TestCatalog.Item("TEA-2", 4), TestCatalog.Item("NEXT-1", 3, draft: true)], Now, Ct);
        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1", 5), TestCatalog.Item("NEXT-1", 3, draft: true)], Now, Ct);
        string[] asked = ["TEA-1", "TEA-2", "NEXT-1", "NO-SUCH-SKU"];

        var sellable = await Store.GetSellableInventoryAsync(asked, Now, Ct);
        var all = await Store.GetInventoryAsync(asked, Now, Ct);

        sellable.Keys.ShouldBe(["TEA-1"]);
        sellable["TEA-1"].Available.ShouldBe(5);
        all.Keys.ShouldBe(["TEA-1", "TEA-2", "NEXT-1"], ignoreOrder: true);
    }

    [Fact]
    public async Task stock_of_many_skus_is_read_in_one_call()
    {
        var skus = Enumerable.Range(0, 1200).Select(i => $"SKU-{i:D4}").ToList();
        await Store.SyncCatalogAsync(TestCatalog.Settings(), skus.Select(sku => TestCatalog.Item(sku, 7)).ToList(), Now, Ct);

        var levels = await Store.GetInventoryAsync(skus, Now, Ct);
        var available = await Database.Stock.GetAvailableAsync(skus, Ct);

        levels.Count.ShouldBe(1200);
        available.Values.ShouldAllBe(units => units == 7);
    }
}
