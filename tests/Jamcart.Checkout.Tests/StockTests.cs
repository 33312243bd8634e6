using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.Tests.Validation;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>Reading and setting stock: available never below zero, and lost stock ends with the payer refunded.</summary>
public sealed class StockTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task stock_is_on_hand_minus_running_reservations_and_unknown_skus_are_left_out()
    {
        await using var shop = await StartAsync();
        await shop.PlaceAsync(("TEA-001", 3));

        // Values that cannot be SKUs are unknown SKUs too.
        var stock = await shop.GetStock.HandleAsync(["TEA-001", "TEA-002", "NOPE-1", "TEA-001", "tea-002", "", new string('A', 65), "TEA 001"], Ct);

        stock.ShouldBe(new Dictionary<string, long> { ["TEA-001"] = 7, ["TEA-002"] = 5 }, ignoreOrder: true);
    }

    [Fact]
    public async Task drafts_and_products_gone_from_the_store_are_left_out_as_checkout_refuses_them()
    {
        await using var shop = await StartAsync();
        await shop.Store.SyncCatalogAsync(Requests.Shop(), [.. Teas.Where(item => item.Sku != "TEA-002")], Start, Ct);

        var stock = await shop.GetStock.HandleAsync(["TEA-001", "TEA-002", "DRAFT-001"], Ct);

        stock.ShouldBe(new Dictionary<string, long> { ["TEA-001"] = 10 }, ignoreOrder: true);
        await Should.ThrowAsync<UnknownSkuException>(() => shop.PlaceAsync(("TEA-002", 1)));
        await Should.ThrowAsync<UnknownSkuException>(() => shop.PlaceAsync(("DRAFT-001", 1)));
    }

    private static readonly Dictionary<string, string[]?> BadQueries = new()
    {
        ["none at all"] = null,
        ["an empty list"] = [],
        ["101 skus"] = [.. Enumerable.Range(0, 101).Select(i => $"SKU-{i}")],
        ["101 values that are not skus"] = [.. Enumerable.Range(0, 101).Select(i => $"sku-{i}")],
    };

    public static TheoryData<string> BadQueryNames => [.. BadQueries.Keys];

    [Theory]
    [MemberData(nameof(BadQueryNames))]
    public async Task a_bad_query_is_invalid_on_sku(string query)
    {
        await using var shop = await StartAsync();

        var thrown = await Should.ThrowAsync<InvalidRequestException>(() => shop.GetStock.HandleAsync(BadQueries[query], Ct));

        thrown.Errors.Keys.ShouldBe(["sku"]);
    }

    [Fact]
    public async Task only_values_that_cannot_be_skus_are_an_empty_answer()
    {
        await using var shop = await StartAsync();

        (await shop.GetStock.HandleAsync(["tea-001", "<script>"], Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_hundred_skus_may_be_asked_for()
    {
        await using var shop = await StartAsync();

        var stock = await shop.GetStock.HandleAsync([.. Enumerable.Range(0, 99).Select(i => $"SKU-{i}"), "CUP-001"], Ct);

        stock.ShouldBe(new Dictionary<string, long> { ["CUP-001"] = 2 });
    }

    [Fact]
    public async Task setting_stock_changes_on_hand_and_tells_the_outbox()
    {
        await using var shop = await StartAsync();
        await shop.PlaceAsync(("TEA-001", 3));

        var level = await shop.SetStock.HandleAsync("TEA-001", 25, Ct);

        (level.OnHand, level.Reserved, level.Available).ShouldBe((25L, 3L, 22L));
        (await shop.AvailableAsync("TEA-001")).ShouldBe(22);
        (await shop.OutboxAsync(null, OutboxKinds.StockChanged)).ShouldHaveSingleItem().Skus.ShouldBe(["TEA-001"]);
    }

    [Fact]
    public async Task stock_of_a_product_gone_from_the_store_is_unknown_and_left_alone_while_a_drafts_is_set()
    {
        await using var shop = await StartAsync();
        await shop.Store.SyncCatalogAsync(Requests.Shop(), [.. Teas.Where(item => item.Sku != "TEA-002")], Start, Ct);

        var thrown = await Should.ThrowAsync<UnknownSkuException>(() => shop.SetStock.HandleAsync("TEA-002", 25, Ct));
        var draft = await shop.SetStock.HandleAsync("DRAFT-001", 4, Ct);

        thrown.Sku.ShouldBe("TEA-002");
        (await shop.InventoryAsync("TEA-002")).OnHand.ShouldBe(5, "kept as it was, for a re-add");
        (await shop.OutboxAsync(null, OutboxKinds.StockChanged)).ShouldAllBe(message => !message.Skus.Contains("TEA-002"));
        draft.OnHand.ShouldBe(4);
    }

    [Fact]
    public async Task the_answer_counts_only_reservations_still_running()
    {
        await using var shop = await StartAsync();
        await shop.PlaceAsync(("TEA-001", 3));
        shop.Clock.Advance(shop.Options.ReservationTime);

        var level = await shop.SetStock.HandleAsync("TEA-001", 4, Ct);

        (level.OnHand, level.Reserved).ShouldBe((4L, 0L));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(-1L)]
    [InlineData(1_000_000_001L)]
    public async Task on_hand_outside_zero_to_a_billion_is_invalid(long? onHand)
    {
        await using var shop = await StartAsync();

        var thrown = await Should.ThrowAsync<InvalidRequestException>(() => shop.SetStock.HandleAsync("TEA-001", onHand, Ct));

        thrown.Errors.Keys.ShouldBe(["onHand"]);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
    }

    [Theory]
    [InlineData("NOPE-1")]
    [InlineData("not a sku")]
    public async Task setting_stock_of_an_unknown_sku_is_refused(string sku)
    {
        await using var shop = await StartAsync();

        (await Should.ThrowAsync<UnknownSkuException>(() => shop.SetStock.HandleAsync(sku, 1, Ct))).Sku.ShouldBe(sku);
    }

    [Fact]
    public async Task stock_set_below_what_is_reserved_reads_zero_and_the_payer_of_the_lost_reservation_is_refunded()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var kept = await shop.PlaceAsync(("CUP-001", 1));
        var lost = await shop.PlaceAsync(("CUP-001", 1));

        // One cup broke: on hand 1, two reserved.
        (await shop.SetStock.HandleAsync("CUP-001", 0, Ct)).Available.ShouldBe(0);
        await shop.SetStock.HandleAsync("CUP-001", 1, Ct);
        (await shop.AvailableAsync("CUP-001")).ShouldBe(0);

        var first = await shop.PayAndConfirmAsync(kept);
        var second = await shop.PayAndConfirmAsync(lost);

        first.Status.ShouldBe(OrderStatus.Paid);
        second.Status.ShouldBe(OrderStatus.Refunded);
        second.StatusReason.ShouldBe(PaymentApplier.StockGoneReason);
        (await shop.Provider.GetAsync(second.PaymentId!, Ct)).AmountRefunded.ShouldBe(second.Total.Minor);
        var stock = await shop.InventoryAsync("CUP-001");
        (stock.OnHand, stock.Reserved).ShouldBe((0L, 0L));
    }
}
