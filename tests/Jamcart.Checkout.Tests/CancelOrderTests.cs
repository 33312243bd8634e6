using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Microsoft.Extensions.Logging.Abstractions;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>The buyer giving up: the payment is canceled before the stock is released, and a paid order stays paid.</summary>
public sealed class CancelOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task canceling_a_pending_order_cancels_its_payment_and_releases_its_stock()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("CUP-001", 2));

        var order = await shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);

        order.Status.ShouldBe(OrderStatus.Canceled);
        order.ClientSecret.ShouldBeNull();
        order.ReconcileAfter.ShouldBeNull();
        (await shop.AvailableAsync("CUP-001")).ShouldBe(2);
        (await shop.Provider.GetAsync(placed.Order.PaymentId!, Ct)).Status.ShouldBe(PaymentStatus.Canceled);
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderCanceled)).ShouldHaveSingleItem().Skus.ShouldBe(["CUP-001"]);

        // The card can no longer be charged, and the provider's canceled event changes nothing more.
        (await shop.PayInBrowserAsync(placed)).Error.ShouldNotBeNull();
        await shop.DeliverWebhooksAsync();
        foreach (var delivery in shop.Webhooks.Deliveries)
        {
            await shop.Webhooks.ApplyAsync(delivery);
        }

        (await shop.OrderAsync(order.Id)).Version.ShouldBe(order.Version);
    }

    [Fact]
    public async Task a_paid_order_cannot_be_canceled()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayAndConfirmAsync(placed);

        var thrown = await Should.ThrowAsync<OrderStateConflictException>(() => shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct));

        thrown.Status.ShouldBe(OrderStatus.Paid);
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.Paid);
    }

    [Fact]
    public async Task an_order_past_its_reservation_reads_expired_and_cannot_be_canceled_whether_or_not_reconciliation_wrote_it()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("CUP-001", 2));
        shop.Clock.Advance(shop.Options.ReservationTime);

        var seen = await shop.GetOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
        var thrown = await Should.ThrowAsync<OrderStateConflictException>(() => shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct));

        seen.Status.ShouldBe(OrderStatus.Expired);
        thrown.Status.ShouldBe(OrderStatus.Expired, "as the buyer reads it, before reconciliation writes it");
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.PendingPayment, "nothing was written");
        (await shop.Provider.GetAsync(placed.Order.PaymentId!, Ct)).Status.ShouldNotBe(PaymentStatus.Canceled, "reconciliation cancels it, as it expires the order");

        await shop.Reconcile.RunOnceAsync(Ct);
        (await Should.ThrowAsync<OrderStateConflictException>(() => shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct)))
            .Status.ShouldBe(OrderStatus.Expired);
    }

    [Fact]
    public async Task canceling_after_paying_but_before_anyone_confirmed_finds_the_payment_and_keeps_it()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);

        var thrown = await Should.ThrowAsync<OrderStateConflictException>(() => shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct));

        thrown.Status.ShouldBe(OrderStatus.Paid);
        var order = await shop.OrderAsync(placed.Order.Id);
        order.Status.ShouldBe(OrderStatus.Paid);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(9);
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderCanceled)).ShouldBeEmpty();
    }

    [Fact]
    public async Task canceling_twice_is_a_conflict_the_second_time_and_releases_once()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("CUP-001", 1));
        await shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
        await shop.PlaceAsync(("CUP-001", 1));

        var thrown = await Should.ThrowAsync<OrderStateConflictException>(() => shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct));

        thrown.Status.ShouldBe(OrderStatus.Canceled);
        (await shop.InventoryAsync("CUP-001")).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task an_order_whose_payment_the_provider_does_not_have_is_canceled_and_its_stock_freed()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var lacking = await shop.PlaceWithPaymentTheProviderLacksAsync(("CUP-001", 2));

        var order = await shop.CancelOrder.HandleAsync(lacking.Order.Id, lacking.OrderToken, Ct);

        order.Status.ShouldBe(OrderStatus.Canceled);
        (await shop.AvailableAsync("CUP-001")).ShouldBe(2);
    }

    [Fact]
    public async Task an_unavailable_provider_leaves_the_order_pending_and_reserved()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("CUP-001", 1));
        shop.Sandbox.Outage = true;

        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct));

        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.PendingPayment);
        (await shop.InventoryAsync("CUP-001")).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task the_providers_event_of_the_buyers_cancel_arriving_first_still_leaves_it_canceled_by_the_buyer()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("CUP-001", 1));
        var order = await CancelAfterTheProvidersEventAsync(shop, placed);

        (order.Status, order.StatusReason).ShouldBe((OrderStatus.Canceled, CancelOrder.CanceledByBuyerReason));
        (await shop.OrderAsync(placed.Order.Id)).StatusReason.ShouldBe(CancelOrder.CanceledByBuyerReason);
        (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderCanceled)).Count.ShouldBe(1);
        (await shop.InventoryAsync("CUP-001")).Reserved.ShouldBe(0);
    }

    [Fact]
    public async Task a_payment_canceled_at_the_provider_before_the_buyers_cancel_keeps_that_reason()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("CUP-001", 1));
        await shop.Provider.CancelAsync(placed.Order.PaymentId!, "dashboard-cancel", Ct);
        var order = await CancelAfterTheProvidersEventAsync(shop, placed);

        (order.Status, order.StatusReason).ShouldBe((OrderStatus.Canceled, PaymentApplier.CanceledAtProviderReason));
        (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderCanceled)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_payment_canceled_at_the_provider_cancels_its_order_through_the_webhook()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("CUP-001", 2));

        await shop.Provider.CancelAsync(placed.Order.PaymentId!, "dashboard-cancel", Ct);
        await shop.DeliverWebhooksAsync();

        var order = await shop.OrderAsync(placed.Order.Id);
        order.Status.ShouldBe(OrderStatus.Canceled);
        (await shop.AvailableAsync("CUP-001")).ShouldBe(2);
    }

    /// <summary>The buyer's cancel, with the provider's <c>payment_intent.canceled</c> event applied after the provider was asked and before the cancel writes.</summary>
    private static Task<Order> CancelAfterTheProvidersEventAsync(TestShop shop, PlacedOrder placed)
    {
        var store = HappensFirst.Around(shop.Store, nameof(ICheckoutStore.BeginAsync), async () =>
        {
            await shop.DeliverWebhooksAsync();
            await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("payment_intent.canceled").ShouldHaveSingleItem());
        });
        return new CancelOrder(store, shop.Provider, shop.Clock, NullLogger<CancelOrder>.Instance).HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
    }
}
