using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.Tests.Validation;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>The shop giving money back: all or part of what is left, once per refund, the stock back after a full one.</summary>
public sealed class RefundOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_full_refund_gives_back_everything_and_puts_the_units_back_on_hand()
    {
        await using var shop = await StartAsync();
        var order = await PaidOrderAsync(shop);

        var refunded = await shop.RefundOrder.HandleAsync(order.Id, null, Ct);

        (refunded.Order.Status, refunded.Order.RefundedAmount).ShouldBe((OrderStatus.Refunded, 27_000L));
        refunded.Refunds.ShouldHaveSingleItem().Amount.ShouldBe(Krw(27_000));
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(27_000);
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderRefunded)).ShouldHaveSingleItem().Skus.ShouldBe(["TEA-001"]);

        // The provider's charge.refunded event for the same refund changes nothing more.
        await shop.DeliverWebhooksAsync();
        (await shop.OrderAsync(order.Id)).Version.ShouldBe(refunded.Order.Version);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
    }

    [Fact]
    public async Task partial_refunds_add_up_and_the_last_one_restocks()
    {
        await using var shop = await StartAsync();
        var order = await PaidOrderAsync(shop);

        var first = await shop.RefundOrder.HandleAsync(order.Id, 10_000, Ct);
        shop.Clock.Advance(TimeSpan.FromSeconds(1));
        var second = await shop.RefundOrder.HandleAsync(order.Id, 7000, Ct);
        shop.Clock.Advance(TimeSpan.FromSeconds(1));

        (first.Order.Status, first.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 10_000L));
        (second.Order.Status, second.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 17_000L));
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(8);

        var rest = await shop.RefundOrder.HandleAsync(order.Id, null, Ct);

        (rest.Order.Status, rest.Order.RefundedAmount).ShouldBe((OrderStatus.Refunded, 27_000L));
        rest.Refunds.Select(refund => refund.Amount.Minor).ShouldBe([10_000L, 7000L, 10_000L]);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
    }

    [Theory]
    [InlineData(0L)]
    [InlineData(-5L)]
    [InlineData(27_001L)]
    public async Task an_amount_outside_what_is_left_is_invalid(long amount)
    {
        await using var shop = await StartAsync();
        var order = await PaidOrderAsync(shop);

        var thrown = await Should.ThrowAsync<InvalidRequestException>(() => shop.RefundOrder.HandleAsync(order.Id, amount, Ct));

        thrown.Errors.Keys.ShouldBe(["amount"]);
        (await shop.OrderAsync(order.Id)).RefundedAmount.ShouldBe(0);
    }

    // A KWD order of 12.520 (10.000 + 1.500 shipping + 1.020 tax): refunds, like charges, go in steps of 10 fils.
    [Theory]
    [InlineData(5125L, "send 5120 or 5130")]
    [InlineData(5L, "send 10")]
    [InlineData(12_515L, "send 12510 or 12520")]
    public async Task a_refund_between_two_charge_steps_is_invalid_and_never_reaches_the_provider(long amount, string send)
    {
        await using var shop = await StartAsync(KuwaitiShop());
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("DALLAH", 1)));
        order.Total.ShouldBe(new Money(12_520, Currency.KWD));

        var thrown = await Should.ThrowAsync<InvalidRequestException>(() => shop.RefundOrder.HandleAsync(order.Id, amount, Ct));

        thrown.Errors.Keys.ShouldBe(["amount"]);
        thrown.Errors["amount"].ShouldBe([$"Must be a multiple of 10: KWD refunds, like its payments, are made in steps of 10 minor units: {send}."]);
        (await shop.OrderAsync(order.Id)).RefundedAmount.ShouldBe(0);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(0);
        (await shop.Store.GetRefundsAsync(order.Id, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_kwd_refund_in_whole_steps_is_made_and_what_is_left_can_follow()
    {
        await using var shop = await StartAsync(KuwaitiShop());
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("DALLAH", 1)));

        var part = await shop.RefundOrder.HandleAsync(order.Id, 5120, Ct);
        shop.Clock.Advance(TimeSpan.FromSeconds(1));
        var rest = await shop.RefundOrder.HandleAsync(order.Id, null, Ct);

        (part.Order.Status, part.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 5120L));
        (rest.Order.Status, rest.Order.RefundedAmount).ShouldBe((OrderStatus.Refunded, 12_520L));
        rest.Refunds.Select(refund => refund.Amount.Minor).ShouldBe([5120L, 7400L]);
    }

    [Fact]
    public async Task more_than_what_is_left_after_a_partial_refund_is_invalid()
    {
        await using var shop = await StartAsync();
        var order = await PaidOrderAsync(shop);
        await shop.RefundOrder.HandleAsync(order.Id, 20_000, Ct);

        await Should.ThrowAsync<InvalidRequestException>(() => shop.RefundOrder.HandleAsync(order.Id, 7001, Ct));

        (await shop.RefundOrder.HandleAsync(order.Id, 7000, Ct)).Order.Status.ShouldBe(OrderStatus.Refunded);
    }

    // What is left is the provider's to know: a refund from its dashboard whose event has not arrived, or another
    // refund sent at the same moment, leaves less there than the order counts. Asking for more is the same mistake
    // as asking for more than the order counts (API.md: 400 invalid-request), and the answer says what is left.
    [Fact]
    public async Task more_than_the_provider_has_left_is_invalid_even_before_the_order_counts_it()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);
        await shop.Provider.RefundAsync(new RefundRequest(order.PaymentId!, 20_000, "dashboard-refund"), Ct);

        var thrown = await Should.ThrowAsync<InvalidRequestException>(() => shop.RefundOrder.HandleAsync(order.Id, 10_000, Ct));

        thrown.Errors["amount"].ShouldBe(["Must be from 1 to 7000, what is left to refund (in minor units): the payment provider counts 20000 refunded already."]);
        (await shop.Store.GetRefundsAsync(order.Id, Ct)).ShouldBeEmpty();
        (await shop.RefundOrder.HandleAsync(order.Id, 7000, Ct)).Order.Status.ShouldBe(OrderStatus.Refunded);
    }

    [Fact]
    public async Task only_paid_orders_can_be_refunded()
    {
        await using var shop = await StartAsync();
        var pending = await shop.PlaceAsync(("TEA-001", 1));
        var refunded = await PaidOrderAsync(shop);
        await shop.RefundOrder.HandleAsync(refunded.Id, null, Ct);

        (await Should.ThrowAsync<OrderStateConflictException>(() => shop.RefundOrder.HandleAsync(pending.Order.Id, null, Ct))).Status.ShouldBe(OrderStatus.PendingPayment);
        (await Should.ThrowAsync<OrderStateConflictException>(() => shop.RefundOrder.HandleAsync(refunded.Id, 1, Ct))).Status.ShouldBe(OrderStatus.Refunded);
        await Should.ThrowAsync<OrderNotFoundException>(() => shop.RefundOrder.HandleAsync(OrderIds.NewOrderId(DateTimeOffset.UtcNow), null, Ct));
    }

    [Fact]
    public async Task a_refund_made_before_a_crash_is_found_again_by_the_retry_and_recorded_once()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);

        // The process made the refund, then died before recording it.
        var lost = await LoseFirstRefundInCrashAsync(shop, order, 5000);
        var retried = await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);

        retried.Refunds.ShouldHaveSingleItem().Id.ShouldBe(lost.Id);
        retried.Order.RefundedAmount.ShouldBe(5000);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(5000);
    }

    [Fact]
    public async Task a_refund_lost_in_a_crash_and_counted_by_its_event_is_not_counted_again_by_the_retry()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);

        // The process made the refund and died before recording it; the provider's charge.refunded event counted it.
        var lost = await LoseFirstRefundInCrashAsync(shop, order, 5000);
        await ApplyRefundEventsAsync(shop);
        (await shop.OrderAsync(order.Id)).RefundedAmount.ShouldBe(5000);

        // The shop owner, who never got an answer, sends the same refund again: the provider hands back the same one.
        var retried = await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);

        var listed = retried.Refunds.ShouldHaveSingleItem();
        (listed.Id, listed.Answered).ShouldBe((lost.Id, true), "listed by its refund.created event, then answered to the retry");
        (retried.Order.Status, retried.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 5000L));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(5000);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(8, "a partial refund puts nothing back on hand");
    }

    [Fact]
    public async Task a_refund_lost_in_a_crash_is_not_made_again_by_a_retry_after_the_provider_forgot_its_key()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);

        // The process made the refund and died before recording it; its refund.created event listed it, with its key.
        var lost = await LoseFirstRefundInCrashAsync(shop, order, 5000);
        await ApplyRefundEventsAsync(shop);

        // The shop owner sends the same refund again two days later: the provider keeps idempotency keys for 24 hours.
        shop.Clock.Advance(TimeSpan.FromDays(2));
        var retried = await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);

        var listed = retried.Refunds.ShouldHaveSingleItem();
        (listed.Id, listed.Answered).ShouldBe((lost.Id, true), "listed by its event, then answered to the retry");
        (retried.Order.Status, retried.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 5000L));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(5000, "no second refund was made");
    }

    [Fact]
    public async Task a_refund_lost_in_a_crash_whose_event_never_came_is_not_made_again_by_a_retry_after_the_provider_forgot_its_key()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);
        var lost = await LoseFirstRefundInCrashAsync(shop, order, 5000);

        // No event lists it (the endpoint is not subscribed to refund events, or they were lost), and the shop owner sends
        // the same refund again two days later, when the provider no longer knows the key.
        shop.Clock.Advance(TimeSpan.FromDays(2));
        var retried = await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);

        var listed = retried.Refunds.ShouldHaveSingleItem();
        (listed.Id, listed.Answered, listed.Amount).ShouldBe((lost.Id, true, Krw(5000)), "the lost refund, found at the provider by its key");
        (retried.Order.Status, retried.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 5000L));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(5000, "no second refund was made");
        shop.Logs.Lines.ShouldContain(line => line.Contains($"listed the 1 refunds of payment {order.PaymentId}", StringComparison.Ordinal));

        // Answered, it leaves no trace: the next refund of the same amount is one of its own.
        var next = await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);
        next.Refunds.Count.ShouldBe(2);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(10_000);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task a_refund_lost_in_a_crash_is_not_made_again_by_its_retry_after_another_refund_was_answered_in_between(bool eventListedIt)
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);
        var lost = await LoseFirstRefundInCrashAsync(shop, order, 5000);
        if (eventListedIt)
        {
            await ApplyRefundEventsAsync(shop);
        }

        // The shop owner gives 3,000 back for something else, and is answered: the order's refunds count one more, so the
        // retry of the lost one two days later sends another key than the lost one carries.
        (await shop.RefundOrder.HandleAsync(order.Id, 3000, Ct)).Order.RefundedAmount.ShouldBe(8000);
        shop.Clock.Advance(TimeSpan.FromDays(2));
        var retried = await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);

        retried.Refunds.Select(refund => (refund.Id == lost.Id, refund.Amount.Minor, refund.Answered))
            .ShouldBe([(true, 5000L, true), (false, 3000L, true)], ignoreOrder: true);
        (retried.Order.Status, retried.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 8000L));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(8000, "no second refund was made");
    }

    [Fact]
    public async Task a_refund_without_a_lost_attempt_does_not_ask_the_provider_for_the_payments_refunds()
    {
        await using var shop = await StartAsync();
        var order = await PaidOrderAsync(shop);

        await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);
        await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);

        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(10_000);
        shop.Logs.Lines.ShouldNotContain(line => line.Contains("listed the", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(null)]
    [InlineData(27_000L)]
    public async Task the_retry_of_a_whole_refund_lost_in_a_crash_is_answered_with_it_after_its_events_refunded_the_order(long? amount)
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);
        var lost = await LoseFirstRefundInCrashAsync(shop, order, amount);
        await ApplyRefundEventsAsync(shop);
        (await shop.OrderAsync(order.Id)).Status.ShouldBe(OrderStatus.Refunded, "its events counted it");

        // The same request again (the same Idempotency-Key and body, whose first try was never answered): it was refused
        // as a conflict with the order's state, refunded, where the first answer would have been the refund.
        var retried = await shop.RefundOrder.HandleAsync(order.Id, amount, Ct);

        var listed = retried.Refunds.ShouldHaveSingleItem();
        (listed.Id, listed.Answered, listed.Amount).ShouldBe((lost.Id, true, Krw(27_000)));
        (retried.Order.Status, retried.Order.RefundedAmount).ShouldBe((OrderStatus.Refunded, 27_000L));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(27_000);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10, "the units went back once");
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderRefunded)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task the_retry_of_a_part_refund_lost_in_a_crash_is_answered_with_it_after_its_events_left_less_than_it_asks()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);
        var lost = await LoseFirstRefundInCrashAsync(shop, order, 20_000);
        await ApplyRefundEventsAsync(shop);
        (await shop.OrderAsync(order.Id)).RefundedAmount.ShouldBe(20_000, "its events counted it: 7,000 is left");

        // Refused before as more than what is left.
        var retried = await shop.RefundOrder.HandleAsync(order.Id, 20_000, Ct);

        var listed = retried.Refunds.ShouldHaveSingleItem();
        (listed.Id, listed.Answered).ShouldBe((lost.Id, true));
        (retried.Order.Status, retried.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 20_000L));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(20_000);
    }

    [Fact]
    public async Task a_refund_made_elsewhere_with_a_key_of_its_own_is_not_taken_for_the_refund_a_request_would_make()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);
        await shop.Provider.RefundAsync(new RefundRequest(order.PaymentId!, 3000, "dashboard-refund"), Ct);
        await ApplyRefundEventsAsync(shop);

        // The same amount as the refund made elsewhere, but not the same request: a refund of its own.
        var refunded = await shop.RefundOrder.HandleAsync(order.Id, 3000, Ct);

        refunded.Refunds.Select(refund => (refund.Amount.Minor, refund.Answered)).ShouldBe([(3000L, false), (3000L, true)]);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(6000);
    }

    [Fact]
    public async Task another_amount_after_a_refund_lost_in_a_crash_is_a_refund_of_its_own()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);
        await LoseFirstRefundInCrashAsync(shop, order, 5000);
        await ApplyRefundEventsAsync(shop);

        // The shop owner sees 5,000 refunded and gives back 3,000 more: the lost refund is listed, but never answered.
        var more = await shop.RefundOrder.HandleAsync(order.Id, 3000, Ct);

        (more.Order.Status, more.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 8000L));
        more.Refunds.Select(refund => (refund.Amount.Minor, refund.Answered)).ShouldBe([(5000L, false), (3000L, true)]);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(8000);
    }

    [Fact]
    public async Task a_refund_made_elsewhere_and_one_made_here_add_up()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);

        // Refunded from the provider's dashboard: only its event tells the shop.
        await shop.Provider.RefundAsync(new RefundRequest(order.PaymentId!, 2000, "dashboard-refund"), Ct);
        await ApplyRefundEventsAsync(shop);
        (await shop.OrderAsync(order.Id)).RefundedAmount.ShouldBe(2000);
        var refunded = await shop.RefundOrder.HandleAsync(order.Id, 3000, Ct);

        (refunded.Order.Status, refunded.Order.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 5000L));
        refunded.Refunds.Select(refund => (refund.Amount.Minor, refund.Answered)).ShouldBe([(2000L, false), (3000L, true)], "the dashboard's refund is listed too");
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(5000);
    }

    [Fact]
    public async Task a_refund_made_elsewhere_does_not_move_the_key_of_a_refund_lost_in_a_crash()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await PaidOrderAsync(shop);

        // Lost in a crash, then a refund from the dashboard: both are listed by their events, neither answered.
        var lost = await LoseFirstRefundInCrashAsync(shop, order, 5000);
        await shop.Provider.RefundAsync(new RefundRequest(order.PaymentId!, 2000, "dashboard-refund"), Ct);
        await ApplyRefundEventsAsync(shop);
        (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Refunds.Count.ShouldBe(2);

        // The retry still counts no answered refund, so it finds the lost one instead of making a second.
        var retried = await shop.RefundOrder.HandleAsync(order.Id, 5000, Ct);

        retried.Refunds.Select(refund => (refund.Id, refund.Answered)).ShouldContain((lost.Id, true));
        retried.Refunds.Count.ShouldBe(2);
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(7000);
        retried.Order.RefundedAmount.ShouldBe(7000);
    }

    [Fact]
    public async Task a_refund_the_buyers_bank_turns_down_later_puts_the_order_back_to_paid_and_says_why()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        var order = await shop.PayAndConfirmAsync(placed, Browser.RefundsFail);
        var refunded = await shop.RefundOrder.HandleAsync(order.Id, null, Ct);
        refunded.Order.Status.ShouldBe(OrderStatus.Refunded);

        // Stripe's pm_card_refundFail: the refund goes through, then fails a minute later, and Stripe says so.
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.DeliverWebhooksAsync();
        var failures = shop.Webhooks.Of("charge.refund.updated");
        var applied = await shop.Webhooks.ApplyAsync(failures.ShouldHaveSingleItem());
        var again = await shop.Webhooks.ApplyAsync(failures[0]);

        (applied, again).ShouldBe((WebhookOutcome.Applied, WebhookOutcome.Duplicate));
        var stored = await shop.OrderAsync(order.Id);
        (stored.Status, stored.RefundedAmount).ShouldBe((OrderStatus.Paid, 0L));
        stored.StatusReason.ShouldBe("A refund of 27000 KRW failed after it was made (the card's bank turned it down), so that money was not returned: "
            + "0 KRW of the payment counts as refunded now.");
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(0);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10, "the units the refund put back stay on hand");
        var failed = (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Refunds.ShouldHaveSingleItem();
        (failed.Amount, failed.Status, failed.FailureReason).ShouldBe((Krw(27_000), RefundStatuses.Failed, "expired_or_canceled_card"));

        // The order can be refunded again (this card's refunds fail again, but they are made), and lists both.
        var refundedAgain = await shop.RefundOrder.HandleAsync(order.Id, 1000, Ct);
        refundedAgain.Order.RefundedAmount.ShouldBe(1000);
        refundedAgain.Refunds.Select(refund => (refund.Amount.Minor, refund.Status)).ShouldBe([(27_000L, RefundStatuses.Failed), (1000L, RefundStatuses.Succeeded)]);
    }

    [Theory]
    [InlineData("refund.updated")]
    [InlineData("refund.failed")]
    public async Task a_refund_failure_reported_only_by_the_refund_events_stripe_sends_for_every_refund_still_counts(string type)
    {
        // Stripe sends charge.refund.updated for selected payment methods only; refund.updated and refund.failed come
        // for every refund, so an endpoint may well be subscribed to those alone.
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 2)), Browser.RefundsFail);
        await shop.RefundOrder.HandleAsync(order.Id, null, Ct);
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.DeliverWebhooksAsync();

        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of(type).ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);

        var stored = await shop.OrderAsync(order.Id);
        (stored.Status, stored.RefundedAmount).ShouldBe((OrderStatus.Paid, 0L));
        (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Refunds.ShouldHaveSingleItem().Status.ShouldBe(RefundStatuses.Failed);
        var other = type == "refund.updated" ? "refund.failed" : "refund.updated";
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refund.updated").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of(other).ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);
        var after = await shop.OrderAsync(order.Id);
        (after.Version, after.RefundedAmount, after.StatusReason).ShouldBe((stored.Version, 0L, stored.StatusReason), "the same change reported by each event is applied once");
    }

    [Fact]
    public async Task a_late_report_of_a_refund_that_failed_since_counts_nothing()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await RefundThatFailedLaterAsync(shop);

        // The charge.refunded event sent when the refund was made comes only now, still counting 27000 KRW refunded.
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refunded").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);

        var stored = await shop.OrderAsync(order.Id);
        (stored.Status, stored.RefundedAmount).ShouldBe((OrderStatus.Paid, 0L));
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10, "the units went back once, with the refund");
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderRefunded)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_refund_that_failed_later_queues_no_second_receipt_when_none_was_held_back()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });

        // No receipt sender ran while it was refunded whole: the receipt queued when it was paid is still the one due.
        var order = await RefundThatFailedLaterAsync(shop);

        (await shop.OrderAsync(order.Id)).ReceiptWithheld.ShouldBeFalse();
        (await shop.OutboxAsync(order.Id, OutboxKinds.ReceiptSend)).Count.ShouldBe(1);
    }

    [Fact]
    public async Task a_full_refund_after_one_that_failed_puts_the_units_back_only_once_and_drops_the_stale_reason()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await RefundThatFailedLaterAsync(shop);

        var again = await shop.RefundOrder.HandleAsync(order.Id, null, Ct);

        (again.Order.Status, again.Order.RefundedAmount).ShouldBe((OrderStatus.Refunded, 27_000L));
        again.Order.StatusReason.ShouldBeNull("the failed refund's \"0 KRW counts as refunded now\" is no longer so");
        (await shop.OrderAsync(order.Id)).StatusReason.ShouldBeNull();
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10, "the first refund put the units back and they are still on hand");
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderRefunded)).Select(entry => entry.Skus).ShouldBe([["TEA-001"], []]);
    }

    [Fact]
    public async Task an_unavailable_provider_records_nothing()
    {
        await using var shop = await StartAsync();
        var order = await PaidOrderAsync(shop);
        shop.Sandbox.Outage = true;

        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => shop.RefundOrder.HandleAsync(order.Id, null, Ct));

        shop.Sandbox.Outage = false;
        var stored = await shop.GetAdminOrder.HandleAsync(order.Id, Ct);
        (stored.Order.Status, stored.Refunds.Count).ShouldBe((OrderStatus.Paid, 0));
    }

    [Fact]
    public async Task a_refund_of_a_payment_the_provider_does_not_know_says_so_plainly_and_records_nothing()
    {
        await using var shop = await StartAsync();
        var paid = await PaidOrderAsync(shop);
        // The payment was made with other keys (another account, or test mode where the shop is live now), or by a
        // sandbox that has been restarted since: the provider answers resource_missing.
        var unknown = "pi_" + Guid.NewGuid().ToString("N")[..24];
        (await shop.Store.TryUpdateOrderAsync(await shop.OrderAsync(paid.Id) with { PaymentId = unknown }, Ct)).ShouldBeTrue();

        var refused = await Should.ThrowAsync<OrderStateConflictException>(() => shop.RefundOrder.HandleAsync(paid.Id, null, Ct));

        refused.Message.ShouldStartWith("The payment provider does not know this order's payment, so nothing was refunded");
        refused.Message.ShouldContain("restarted");
        refused.Message.ShouldNotContain("resource_missing");
        refused.Message.ShouldNotContain(unknown);
        var stored = await shop.GetAdminOrder.HandleAsync(paid.Id, Ct);
        (stored.Order.Status, stored.Order.RefundedAmount, stored.Refunds.Count).ShouldBe((OrderStatus.Paid, 0L, 0));
    }

    /// <summary>Applies the refund.created and charge.refunded events sent so far, as the provider delivers them; ones applied before change nothing.</summary>
    /// <summary>
    /// The order's first refund as its request made it at the provider, under the key it sends, before the process died
    /// without recording it: the refund use case itself runs, and dies where it would begin to record the refund.
    /// </summary>
    private static async Task<ProviderRefund> LoseFirstRefundInCrashAsync(TestShop shop, Order order, long? amount)
    {
        var dying = HappensFirst.Around(shop.Store, nameof(ICheckoutStore.BeginAsync), () => throw new ProcessDiedException());
        await Should.ThrowAsync<ProcessDiedException>(() => shop.RefundOrderOn(dying).HandleAsync(order.Id, amount, Ct));
        var key = PaymentKeys.Refund(order.Id, 1, amount ?? order.Total.Minor - order.RefundedAmount);
        return (await shop.Provider.ListRefundsAsync(order.PaymentId!, Ct)).Single(refund => refund.RequestKey == key);
    }

    private static async Task ApplyRefundEventsAsync(TestShop shop)
    {
        await shop.DeliverWebhooksAsync();
        var deliveries = shop.Webhooks.Deliveries.Where(delivery => delivery.Type is "refund.created" or "charge.refunded").ToList();
        deliveries.ShouldNotBeEmpty();
        foreach (var delivery in deliveries)
        {
            (await shop.Webhooks.ApplyAsync(delivery)).ShouldBeOneOf(WebhookOutcome.Applied, WebhookOutcome.Duplicate);
        }
    }

    /// <summary>A paid order of two TEA-001 refunded whole with Stripe's pm_card_refundFail, and that refund's failure a minute later applied.</summary>
    private static async Task<Order> RefundThatFailedLaterAsync(TestShop shop)
    {
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 2)), Browser.RefundsFail);
        (await shop.RefundOrder.HandleAsync(order.Id, null, Ct)).Order.Status.ShouldBe(OrderStatus.Refunded);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
        shop.Clock.Advance(TimeSpan.FromMinutes(1));
        await shop.DeliverWebhooksAsync();
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.refund.updated").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);
        (await shop.OrderAsync(order.Id)).Status.ShouldBe(OrderStatus.Paid);
        return order;
    }

    /// <summary>A Kuwaiti shop: KWD 1.500 shipping, 8.875 % tax added, a dallah at KWD 10.000.</summary>
    private static ShopSetup KuwaitiShop() => new()
    {
        Settings = Requests.Shop(new ShippingRule(new Money(1500, Currency.KWD), null, ["KR"]), new TaxRule(88_750, Inclusive: false), Currency.KWD),
        Products = [new("DALLAH", "Brass dallah", new Money(10_000, Currency.KWD), Draft: false, InitialStock: 5)],
    };

    private static async Task<Order> PaidOrderAsync(TestShop shop)
    {
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        var order = await shop.PayAndConfirmAsync(placed);
        order.Status.ShouldBe(OrderStatus.Paid);
        return order;
    }
}
