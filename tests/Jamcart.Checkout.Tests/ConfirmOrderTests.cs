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

/// <summary>Paying and confirming: only the provider's word moves an order, and only once.</summary>
public sealed class ConfirmOrderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_paid_order_sells_its_reservation_and_tells_the_outbox_once()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2), ("TEA-002", 1));

        var order = await shop.PayAndConfirmAsync(placed);

        order.Status.ShouldBe(OrderStatus.Paid);
        order.PaidAt.ShouldBe(shop.Clock.GetUtcNow());
        order.ReconcileAfter.ShouldBeNull();
        order.ClientSecret.ShouldBeNull();
        order.StatusReason.ShouldBeNull();
        var stock = await shop.InventoryAsync("TEA-001");
        (stock.OnHand, stock.Reserved).ShouldBe((8L, 0L));
        var paid = (await shop.OutboxAsync(order.Id, OutboxKinds.OrderPaid)).ShouldHaveSingleItem();
        paid.Skus.ShouldBe(["TEA-001", "TEA-002"], ignoreOrder: true);
    }

    [Fact]
    public async Task the_confirm_that_pays_answers_with_the_instants_every_later_read_shows()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));

        // 0.8902602 s past the second: finer than the microseconds both databases keep.
        shop.Clock.Advance(TimeSpan.FromTicks(8_902_602));
        var paid = await shop.PayAndConfirmAsync(placed);
        var read = await shop.GetOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);

        paid.Status.ShouldBe(OrderStatus.Paid);
        (paid.PaidAt, paid.UpdatedAt).ShouldBe((read.PaidAt, read.UpdatedAt));
        paid.PaidAt.ShouldBe(Start + TimeSpan.FromTicks(8_902_600));
    }

    [Fact]
    public async Task confirming_again_changes_nothing()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        var first = await shop.PayAndConfirmAsync(placed);

        var again = await shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);

        (again.Status, again.Version, again.PaidAt).ShouldBe((OrderStatus.Paid, first.Version, first.PaidAt));
        (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderPaid)).Count.ShouldBe(1);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(9);
    }

    [Fact]
    public async Task confirming_before_paying_leaves_the_order_pending()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 1));

        var order = await shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);

        order.Status.ShouldBe(OrderStatus.PendingPayment);
        order.ClientSecret.ShouldBe(placed.Order.ClientSecret);
        (await shop.InventoryAsync("TEA-001")).Reserved.ShouldBe(1);
    }

    [Fact]
    public async Task a_declined_card_keeps_the_order_pending_with_the_error_and_another_card_pays()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));

        var attempt = await shop.PayInBrowserAsync(placed, Browser.InsufficientFunds);
        var declined = await shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);

        attempt.DeclineCode.ShouldBe("insufficient_funds");
        declined.Status.ShouldBe(OrderStatus.PendingPayment);
        declined.LastPaymentError.ShouldNotBeNull().DeclineCode.ShouldBe("insufficient_funds");
        declined.LastPaymentError.Code.ShouldBe("card_declined");
        (await shop.GetOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct)).ClientSecret.ShouldNotBeNull();
        (await shop.InventoryAsync("TEA-001")).Reserved.ShouldBe(1);

        var paid = await shop.PayAndConfirmAsync(placed, Browser.Visa);

        paid.Status.ShouldBe(OrderStatus.Paid);
        paid.LastPaymentError.ShouldBeNull();
    }

    [Fact]
    public async Task a_payment_failed_webhook_records_the_decline_too()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 1));

        await shop.PayInBrowserAsync(placed, Browser.Declined);
        await shop.DeliverWebhooksAsync();

        var order = await shop.OrderAsync(placed.Order.Id);
        order.Status.ShouldBe(OrderStatus.PendingPayment);
        order.LastPaymentError.ShouldNotBeNull().DeclineCode.ShouldBe("generic_decline");
    }

    [Theory]
    [InlineData(true, OrderStatus.Paid)]
    [InlineData(false, OrderStatus.PendingPayment)]
    public async Task three_d_secure_pays_only_once_the_buyer_passes_the_challenge(bool passes, OrderStatus expected)
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        (await shop.PayInBrowserAsync(placed, Browser.ThreeDSecure)).Status.ShouldBe("requires_action");

        var waiting = await shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
        await shop.Sandbox.CompleteThreeDSecureAsync(placed.Order.PaymentId!, passes);
        var after = await shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);

        waiting.Status.ShouldBe(OrderStatus.PendingPayment);
        after.Status.ShouldBe(expected);
        if (!passes)
        {
            after.LastPaymentError.ShouldNotBeNull().Code.ShouldBe("payment_intent_authentication_failure");
        }
    }

    [Fact]
    public async Task a_wrong_token_is_answered_exactly_like_an_unknown_order()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        var other = await shop.PlaceAsync(("TEA-001", 1));
        var id = placed.Order.Id;
        (string Id, string? Token)[] wrong =
        [
            (id, other.OrderToken),
            (id, null),
            (id, ""),
            (id, placed.OrderToken + "x"),
            (id, placed.Order.TokenHash),
            (OrderIds.NewOrderId(DateTimeOffset.UtcNow), placed.OrderToken),
            ("not-an-order-id", placed.OrderToken),
        ];

        foreach (var (orderId, token) in wrong)
        {
            var get = await Should.ThrowAsync<OrderNotFoundException>(() => shop.GetOrder.HandleAsync(orderId, token, Ct));
            var confirm = await Should.ThrowAsync<OrderNotFoundException>(() => shop.ConfirmOrder.HandleAsync(orderId, token, Ct));
            var cancel = await Should.ThrowAsync<OrderNotFoundException>(() => shop.CancelOrder.HandleAsync(orderId, token, Ct));
            new[] { get.Message, confirm.Message, cancel.Message }.Distinct().ShouldHaveSingleItem().ShouldBe(new OrderNotFoundException().Message);
        }

        (await shop.OrderAsync(id)).Status.ShouldBe(OrderStatus.PendingPayment);
    }

    [Fact]
    public async Task a_payment_whose_amount_does_not_match_never_pays_the_order()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        var payments = new PaymentApplier(shop.Store, shop.Provider, shop.Clock, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance);
        await shop.PayInBrowserAsync(placed);
        var real = await shop.Provider.GetAsync(placed.Order.PaymentId!, Ct);

        var cheaper = await payments.ApplyAsync(placed.Order.Id, real with { Amount = Krw(1) }, null, Ct);
        var otherCurrency = await payments.ApplyAsync(placed.Order.Id, real with { Amount = new Money(placed.Order.Total.Minor, Currency.USD) }, null, Ct);
        var otherOrder = await payments.ApplyAsync(placed.Order.Id, real with { OrderId = OrderIds.NewOrderId(DateTimeOffset.UtcNow) }, null, Ct);
        var noOrder = await payments.ApplyAsync(placed.Order.Id, real with { OrderId = null }, null, Ct);
        var otherPayment = await payments.ApplyAsync(placed.Order.Id, real with { Id = "pi_someone_elses" }, null, Ct);

        foreach (var outcome in new[] { cheaper, otherCurrency, otherOrder, noOrder, otherPayment })
        {
            outcome.Effect.ShouldBe(PaymentEffect.Mismatch);
            outcome.Order.Status.ShouldBe(OrderStatus.PendingPayment);
            outcome.Order.StatusReason.ShouldNotBeNull().ShouldStartWith(PaymentApplier.MismatchReasonPrefix);
        }

        cheaper.Order.StatusReason!.ShouldContain("amount");
        otherOrder.Order.StatusReason!.ShouldContain("order id");
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
        (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderPaid)).ShouldBeEmpty();

        // The provider's own, matching report still pays it; a stray report after that changes nothing.
        var paid = await shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
        (paid.Status, paid.StatusReason).ShouldBe((OrderStatus.Paid, null));
        var stray = await payments.ApplyAsync(placed.Order.Id, real with { Amount = Krw(1) }, null, Ct);
        stray.Effect.ShouldBe(PaymentEffect.Mismatch);
        (stray.Order.Status, stray.Order.StatusReason, stray.Order.Version).ShouldBe((OrderStatus.Paid, null, paid.Version));
    }

    [Fact]
    public async Task confirming_an_order_whose_payment_the_provider_does_not_have_leaves_it_pending()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var lacking = await shop.PlaceWithPaymentTheProviderLacksAsync(("TEA-001", 1));

        var order = await shop.ConfirmOrder.HandleAsync(lacking.Order.Id, lacking.OrderToken, Ct);

        (order.Status, order.Version).ShouldBe((OrderStatus.PendingPayment, lacking.Order.Version));
        shop.Logs.Lines.ShouldContain(line => line.Contains("resource_missing", StringComparison.Ordinal));
    }

    [Fact]
    public async Task confirm_with_the_provider_unavailable_changes_nothing_and_can_be_retried()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);
        shop.Sandbox.Outage = true;

        await Should.ThrowAsync<PaymentProviderUnavailableException>(() => shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct));
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.PendingPayment);

        shop.Sandbox.Outage = false;
        (await shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct)).Status.ShouldBe(OrderStatus.Paid);
    }
}
