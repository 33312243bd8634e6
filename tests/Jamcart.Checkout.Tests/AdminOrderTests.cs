using Jamcart.Checkout.Errors;
using Jamcart.Core;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>The shop's view of its orders: newest first, a page at a time, each with its refunds.</summary>
public sealed class AdminOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task orders_are_listed_newest_first_a_page_at_a_time()
    {
        await using var shop = await StartAsync();
        var placed = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            placed.Add((await shop.PlaceAsync(("TEA-001", 1))).Order.Id);
            shop.Clock.Advance(TimeSpan.FromSeconds(1));
        }

        var first = await shop.ListOrders.HandleAsync(null, 2, null, Ct);
        var second = await shop.ListOrders.HandleAsync(null, 2, first.NextCursor, Ct);
        var third = await shop.ListOrders.HandleAsync(null, 2, second.NextCursor, Ct);

        first.Items.Select(order => order.Id).ShouldBe([placed[4], placed[3]]);
        second.Items.Select(order => order.Id).ShouldBe([placed[2], placed[1]]);
        third.Items.Select(order => order.Id).ShouldBe([placed[0]]);
        third.NextCursor.ShouldBeNull();
        (await shop.ListOrders.HandleAsync(null, null, null, Ct)).Items.Count.ShouldBe(5);
    }

    [Fact]
    public async Task orders_can_be_listed_by_status()
    {
        await using var shop = await StartAsync();
        var paid = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayAndConfirmAsync(paid);
        var pending = await shop.PlaceAsync(("TEA-001", 1));

        (await shop.ListOrders.HandleAsync("paid", null, null, Ct)).Items.ShouldHaveSingleItem().Id.ShouldBe(paid.Order.Id);
        (await shop.ListOrders.HandleAsync("pending_payment", null, null, Ct)).Items.ShouldHaveSingleItem().Id.ShouldBe(pending.Order.Id);
        (await shop.ListOrders.HandleAsync("refunded", null, null, Ct)).Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_pending_order_past_its_reservation_is_expired_to_the_shop_as_to_the_buyer()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        shop.Clock.Advance(placed.Order.ReservedUntil - shop.Clock.GetUtcNow());

        var shown = await shop.GetAdminOrder.HandleAsync(placed.Order.Id, Ct);
        var all = await shop.ListOrders.HandleAsync(null, null, null, Ct);
        var expired = await shop.ListOrders.HandleAsync("expired", null, null, Ct);
        var pending = await shop.ListOrders.HandleAsync("pending_payment", null, null, Ct);

        shown.Order.Status.ShouldBe(OrderStatus.Expired);
        all.Items.ShouldHaveSingleItem().Status.ShouldBe(OrderStatus.Expired);
        expired.Items.ShouldHaveSingleItem().Id.ShouldBe(placed.Order.Id);
        expired.Items[0].Status.ShouldBe(OrderStatus.Expired);
        pending.Items.ShouldBeEmpty();
    }

    [Fact]
    public async Task every_bad_parameter_is_named_at_once()
    {
        await using var shop = await StartAsync();

        var thrown = await Should.ThrowAsync<InvalidRequestException>(() => shop.ListOrders.HandleAsync("Paid", 0, "not-a-cursor", Ct));

        thrown.Errors.Keys.ShouldBe(["status", "limit", "cursor"], ignoreOrder: true);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(101)]
    [InlineData(-1)]
    public async Task the_limit_is_one_to_a_hundred(int limit)
    {
        await using var shop = await StartAsync();

        (await Should.ThrowAsync<InvalidRequestException>(() => shop.ListOrders.HandleAsync(null, limit, null, Ct))).Errors.Keys.ShouldBe(["limit"]);
    }

    [Fact]
    public async Task the_admin_view_has_the_full_order_and_its_refunds()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        await shop.PayAndConfirmAsync(placed);
        await shop.RefundOrder.HandleAsync(placed.Order.Id, 1000, Ct);

        var admin = await shop.GetAdminOrder.HandleAsync(placed.Order.Id, Ct);

        admin.Order.Email.ShouldBe("buyer@example.com");
        admin.Order.ShippingAddress.ShouldNotBeNull().PostalCode.ShouldBe("04524");
        admin.Refunds.ShouldHaveSingleItem().Amount.ShouldBe(Krw(1000));
    }

    [Theory]
    [InlineData("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("../etc/passwd")]
    public async Task an_unknown_order_is_not_found(string orderId)
    {
        await using var shop = await StartAsync();

        await Should.ThrowAsync<OrderNotFoundException>(() => shop.GetAdminOrder.HandleAsync(orderId, Ct));
    }
}
