using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>Reservations that run out: stock back on sale at once, and a payment that comes late is honoured or refunded.</summary>
public sealed class ExpiryTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task an_ended_reservation_is_available_again_at_once_without_any_sweeper()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("CUP-001", 2));
        (await shop.AvailableAsync("CUP-001")).ShouldBe(0);
        await Should.ThrowAsync<Errors.OutOfStockException>(() => shop.PlaceAsync(("CUP-001", 1)));

        shop.Clock.Advance(shop.Options.ReservationTime - TimeSpan.FromSeconds(1));
        (await shop.AvailableAsync("CUP-001")).ShouldBe(0);
        shop.Clock.Advance(TimeSpan.FromSeconds(1));

        (await shop.AvailableAsync("CUP-001")).ShouldBe(2);
        var next = await shop.PlaceAsync(("CUP-001", 2));
        next.Order.Status.ShouldBe(OrderStatus.PendingPayment);
        (await shop.GetOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct)).Status.ShouldBe(OrderStatus.Expired);
    }

    [Fact]
    public async Task an_order_past_its_reservation_reads_as_expired_without_being_written()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        shop.Clock.Advance(shop.Options.ReservationTime);

        var seen = await shop.GetOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);

        seen.Status.ShouldBe(OrderStatus.Expired);
        seen.ClientSecret.ShouldBeNull();
        var stored = await shop.OrderAsync(placed.Order.Id);
        stored.Status.ShouldBe(OrderStatus.PendingPayment);
        stored.Version.ShouldBe(placed.Order.Version);
    }

    [Fact]
    public async Task a_payment_after_expiry_sells_the_stock_again_when_it_is_still_there()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        shop.Clock.Advance(shop.Options.ReservationTime + TimeSpan.FromMinutes(1));
        await shop.SetStock.HandleAsync("TEA-001", 10, Ct); // releases the expired reservation on the way
        await shop.PlaceAsync(("TEA-001", 1));

        var order = await shop.PayAndConfirmAsync(placed);

        order.Status.ShouldBe(OrderStatus.Paid);
        order.StatusReason.ShouldBe(PaymentApplier.PaidLateReason);
        var stock = await shop.InventoryAsync("TEA-001");
        (stock.OnHand, stock.Reserved).ShouldBe((8L, 1L));
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderPaid)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_payment_after_expiry_sells_from_the_ended_reservation_nothing_released_yet_and_says_it_was_late()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        shop.Clock.Advance(shop.Options.ReservationTime + TimeSpan.FromMinutes(1));
        await shop.PlaceAsync(("TEA-001", 1)); // the counters cover it: nothing is released on the way
        (await shop.AvailableAsync("TEA-001")).ShouldBe(9, "an ended reservation counts for nothing a buyer sees");

        var order = await shop.PayAndConfirmAsync(placed);

        order.Status.ShouldBe(OrderStatus.Paid);
        order.StatusReason.ShouldBe(PaymentApplier.PaidLateReason);
        var stock = await shop.InventoryAsync("TEA-001");
        (stock.OnHand, stock.Reserved).ShouldBe((8L, 1L));
        (await shop.AvailableAsync("TEA-001")).ShouldBe(7);
    }

    [Fact]
    public async Task a_checkout_the_counters_cannot_cover_releases_ended_reservations_first()
    {
        await using var shop = await StartAsync();
        await shop.PlaceAsync(("TEA-001", 4));
        await shop.PlaceAsync(("TEA-001", 4));
        shop.Clock.Advance(shop.Options.ReservationTime + TimeSpan.FromMinutes(1));

        var placed = await shop.PlaceAsync(("TEA-001", 10));

        placed.Order.Status.ShouldBe(OrderStatus.PendingPayment);
        var stock = await shop.InventoryAsync("TEA-001");
        (stock.OnHand, stock.Reserved).ShouldBe((10L, 10L));
        (await shop.AvailableAsync("TEA-001")).ShouldBe(0);
    }

    [Fact]
    public async Task a_payment_after_expiry_is_refunded_when_the_stock_is_gone_and_the_order_says_why()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.PlaceAsync(("CUP-001", 2));
        shop.Clock.Advance(shop.Options.ReservationTime + TimeSpan.FromMinutes(1));
        var other = await shop.PlaceAsync(("CUP-001", 2));
        await shop.PayAndConfirmAsync(other);

        var order = await shop.PayAndConfirmAsync(late);

        order.Status.ShouldBe(OrderStatus.Refunded);
        order.StatusReason.ShouldBe(PaymentApplier.StockGoneReason);
        (order.RefundedAmount, order.RefundDue, order.ReconcileAfter).ShouldBe((order.Total.Minor, 0L, (DateTimeOffset?)null));
        var refund = (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Refunds.ShouldHaveSingleItem();
        refund.Amount.ShouldBe(order.Total);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(order.Total.Minor);
        (await shop.InventoryAsync("CUP-001")).OnHand.ShouldBe(0);
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderPaid)).ShouldBeEmpty();
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderRefunded)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task an_automatic_refund_the_buyers_bank_turns_down_later_is_owed_again_until_made_another_way()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.StockGoneBeforePaymentAsync();
        var order = await shop.PayAndConfirmAsync(late, Browser.RefundsFail);
        order.Status.ShouldBe(OrderStatus.Refunded);

        // Stripe's pm_card_refundFail: the automatic refund goes through, then fails a minute later.
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.DeliverWebhooksAsync();
        var failure = shop.Webhooks.Of("charge.refund.updated").ShouldHaveSingleItem();
        (await shop.Webhooks.ApplyAsync(failure)).ShouldBe(WebhookOutcome.Applied);

        var owed = await shop.OrderAsync(order.Id);
        (owed.Status, owed.RefundedAmount, owed.RefundDue, owed.ReconcileAfter).ShouldBe((OrderStatus.Expired, 0L, order.Total.Minor, (DateTimeOffset?)null));
        owed.StatusReason.ShouldBe(PaymentApplier.StockGoneReason + $" The refund of {order.Total.Minor} KRW failed after it was made "
            + "(the card's bank turned it down), so it is still owed.");
        (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Refunds.ShouldHaveSingleItem().Status.ShouldBe(RefundStatuses.Failed);
        (await shop.Reconcile.RunOnceAsync(Ct)).Checked.ShouldBe(0, "the same key would only find the same failed refund");

        // Made from the provider's dashboard: its charge.refunded event settles what is owed.
        await shop.Provider.RefundAsync(new RefundRequest(order.PaymentId!, null, "dashboard-refund"), Ct);
        await shop.DeliverWebhooksAsync();
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refunded")[^1])).ShouldBe(WebhookOutcome.Applied);

        var settled = await shop.OrderAsync(order.Id);
        (settled.Status, settled.RefundedAmount, settled.RefundDue).ShouldBe((OrderStatus.Refunded, order.Total.Minor, 0L));
        settled.StatusReason.ShouldBe(PaymentApplier.StockGoneReason);
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderRefunded)).Count.ShouldBe(2);
        (await shop.InventoryAsync("CUP-001")).OnHand.ShouldBe(0, "its stock was never sold, so none comes back");
    }

    [Fact]
    public async Task a_part_of_an_owed_refund_made_from_the_dashboard_is_counted_and_the_rest_refunded_once()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.StockGoneBeforePaymentAsync();
        var order = await shop.PayAndConfirmAsync(late, Browser.RefundsFail);
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.DeliverWebhooksAsync();
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refund.updated").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);
        (await shop.OrderAsync(order.Id)).RefundDue.ShouldBe(order.Total.Minor);

        // A part from the provider's dashboard (refunds of this card fail only a minute after they are made). Before,
        // the order went on owing the whole payment, and making that again could only fail: its key had been used.
        var part = order.Total.Minor / 3;
        var rest = order.Total.Minor - part;
        await shop.Provider.RefundAsync(new RefundRequest(order.PaymentId!, part, "dashboard-part"), Ct);
        await shop.DeliverWebhooksAsync();
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refunded")[^1])).ShouldBe(WebhookOutcome.Applied);

        // The part is counted, and the rest, still owed, is refunded at once under a key of its own.
        var settled = await shop.OrderAsync(order.Id);
        (settled.Status, settled.RefundedAmount, settled.RefundDue).ShouldBe((OrderStatus.Refunded, order.Total.Minor, 0L));
        settled.StatusReason.ShouldBe(PaymentApplier.StockGoneReason);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(order.Total.Minor);
        var refunds = (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Refunds;
        refunds.Where(refund => refund.Status != RefundStatuses.Failed).Select(refund => refund.Amount.Minor).ShouldBe([rest]);
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderRefunded)).Count.ShouldBe(2);
        (await shop.InventoryAsync("CUP-001")).OnHand.ShouldBe(0, "its stock was never sold, so none comes back");

        // Told again (a redelivery, or the rest's own charge.refunded), nothing more is refunded.
        await shop.DeliverWebhooksAsync();
        foreach (var refundedEvent in shop.Webhooks.Of("charge.refunded"))
        {
            await shop.Webhooks.ApplyAsync(refundedEvent);
        }

        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(order.Total.Minor);
        (await shop.OrderAsync(order.Id)).RefundedAmount.ShouldBe(order.Total.Minor);
    }

    // The shop refunded part of a late payment from the provider's dashboard before Jamcart heard of the payment at all,
    // and the buyer closed the page before confirming: that refund's event is the first report. The order owes only the
    // rest; owing the whole payment, its automatic refund was refused as too large and left to be made by hand, and the
    // admin refund, which must be what is owed, was refused the same way.
    [Theory]
    [InlineData(3)]
    [InlineData(1)]
    public async Task a_part_refunded_before_a_late_payment_was_applied_is_counted_and_the_rest_refunded(long fraction)
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.StockGoneBeforePaymentAsync();
        await shop.PayInBrowserAsync(late);
        var part = late.Order.Total.Minor / fraction;
        await shop.Provider.RefundAsync(new RefundRequest(late.Order.PaymentId!, part, "dashboard-part"), Ct);
        await shop.DeliverWebhooksAsync();

        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refunded")[^1])).ShouldBe(WebhookOutcome.Applied);

        var order = await shop.OrderAsync(late.Order.Id);
        (order.Status, order.RefundedAmount, order.RefundDue, order.ReconcileAfter).ShouldBe((OrderStatus.Refunded, order.Total.Minor, 0L, (DateTimeOffset?)null));
        order.StatusReason.ShouldBe(PaymentApplier.StockGoneReason);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(order.Total.Minor);
        (await shop.InventoryAsync("CUP-001")).OnHand.ShouldBe(0, "its stock was never sold, so none comes back");
    }

    [Fact]
    public async Task a_late_report_of_an_automatic_refund_that_failed_since_leaves_it_owed()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await AutomaticRefundThatFailedLaterAsync(shop);

        // The charge.refunded event sent when the automatic refund was made comes only now, still counting it.
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refunded").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);

        var owed = await shop.OrderAsync(order.Id);
        (owed.Status, owed.RefundedAmount, owed.RefundDue).ShouldBe((OrderStatus.Expired, 0L, order.Total.Minor));
        owed.StatusReason.ShouldBe(OrderTransitions.StillOwedReason(order.Total));
        var made = await shop.RefundOrder.HandleAsync(order.Id, null, Ct);
        (made.Order.Status, made.Order.RefundedAmount).ShouldBe((OrderStatus.Refunded, order.Total.Minor));
    }

    [Fact]
    public async Task an_automatic_refund_that_failed_later_can_be_made_again_whole_by_the_shop()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await AutomaticRefundThatFailedLaterAsync(shop);
        (await shop.OrderAsync(order.Id)).RefundDue.ShouldBe(order.Total.Minor);

        var part = await Should.ThrowAsync<InvalidRequestException>(() => shop.RefundOrder.HandleAsync(order.Id, 1000, Ct));
        var again = await shop.RefundOrder.HandleAsync(order.Id, null, Ct);

        part.Errors.Keys.ShouldBe(["amount"]);
        (again.Order.Status, again.Order.RefundedAmount, again.Order.RefundDue).ShouldBe((OrderStatus.Refunded, order.Total.Minor, 0L));
        again.Order.StatusReason.ShouldBe(PaymentApplier.StockGoneReason);
        again.Refunds.Select(refund => refund.Status).ShouldBe([RefundStatuses.Failed, RefundStatuses.Succeeded]);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(order.Total.Minor);
        (await shop.InventoryAsync("CUP-001")).OnHand.ShouldBe(0, "its stock was never sold, so none comes back");
        await Should.ThrowAsync<OrderStateConflictException>(() => shop.RefundOrder.HandleAsync(order.Id, null, Ct));
    }

    [Fact]
    public async Task an_automatic_refund_that_failed_before_it_was_recorded_stays_owed_after_reconciliation()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.StockGoneBeforePaymentAsync();
        await shop.PayInBrowserAsync(late, Browser.RefundsFail);
        var payment = await shop.Provider.GetAsync(late.Order.PaymentId!, Ct);
        var payments = new PaymentApplier(shop.Store, shop.Provider, shop.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        shop.Sandbox.Outage = true;
        var owed = (await payments.ApplyAsync(late.Order.Id, payment, null, Ct)).Order;
        shop.Sandbox.Outage = false;

        // The automatic refund was made, then its process died before recording it; a minute later the bank turned
        // it down, and that report came first.
        await shop.Provider.RefundAsync(new RefundRequest(owed.PaymentId!, owed.RefundDue, PaymentKeys.AutoRefund(owed.Id)), Ct);
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.DeliverWebhooksAsync();
        await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refund.updated").ShouldHaveSingleItem());

        // Reconciliation sends the same key, and the provider answers with the refund as it was made: succeeded.
        await shop.Reconcile.RunOnceAsync(Ct);

        var stored = await shop.OrderAsync(owed.Id);
        (stored.Status, stored.RefundedAmount, stored.RefundDue, stored.ReconcileAfter).ShouldBe((OrderStatus.Expired, 0L, owed.Total.Minor, (DateTimeOffset?)null));
        stored.StatusReason.ShouldBe(OrderTransitions.StillOwedReason(owed.Total));
        (await shop.GetAdminOrder.HandleAsync(owed.Id, Ct)).Refunds.ShouldHaveSingleItem().Status.ShouldBe(RefundStatuses.Failed);
        (await shop.OutboxAsync(owed.Id, OutboxKinds.OrderRefunded)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_late_payment_needing_two_lines_sells_neither_when_one_is_gone()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.PlaceAsync(("TEA-001", 3), ("CUP-001", 1));
        shop.Clock.Advance(shop.Options.ReservationTime + TimeSpan.FromMinutes(1));
        await shop.PayAndConfirmAsync(await shop.PlaceAsync(("CUP-001", 2)));

        var order = await shop.PayAndConfirmAsync(late);

        order.Status.ShouldBe(OrderStatus.Refunded);
        var tea = await shop.InventoryAsync("TEA-001");
        (tea.OnHand, tea.Reserved).ShouldBe((10L, 0L));
    }

    [Fact]
    public async Task a_refund_owed_while_the_provider_is_down_is_made_by_reconciliation()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.StockGoneBeforePaymentAsync();
        await shop.PayInBrowserAsync(late);
        var payment = await shop.Provider.GetAsync(late.Order.PaymentId!, Ct);

        // The provider answers the retrieve, then fails the refund.
        var payments = new PaymentApplier(shop.Store, shop.Provider, shop.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        shop.Sandbox.Outage = true;
        var owed = (await payments.ApplyAsync(late.Order.Id, payment, null, Ct)).Order;
        shop.Sandbox.Outage = false;

        owed.Status.ShouldBe(OrderStatus.Expired);
        owed.RefundDue.ShouldBe(owed.Total.Minor);
        owed.StatusReason.ShouldBe(PaymentApplier.StockGoneReason);
        var report = await shop.Reconcile.RunOnceAsync(Ct);

        report.Refunded.ShouldBe(1);
        var refunded = await shop.OrderAsync(late.Order.Id);
        (refunded.Status, refunded.RefundDue, refunded.RefundedAmount).ShouldBe((OrderStatus.Refunded, 0L, refunded.Total.Minor));
        (await shop.Reconcile.RunOnceAsync(Ct)).Checked.ShouldBe(0);
    }

    /// <summary>
    /// A payment after its stock was gone, made with Stripe's pm_card_refundFail: its automatic refund goes through, and
    /// the failure a minute later is applied.
    /// </summary>
    private static async Task<Order> AutomaticRefundThatFailedLaterAsync(TestShop shop)
    {
        var order = await shop.PayAndConfirmAsync(await shop.StockGoneBeforePaymentAsync(), Browser.RefundsFail);
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.DeliverWebhooksAsync();
        await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refund.updated").ShouldHaveSingleItem());
        return order;
    }
}
