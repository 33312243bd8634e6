using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Shouldly;

using Stripe;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>
/// A process dying between two steps, simulated by running a use case's first steps by hand through the same store and
/// provider: the next reconciliation run finishes the work, and finishing it twice does it once (I4).
/// </summary>
public sealed class ReconcileTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task an_order_whose_payment_was_never_created_is_withdrawn_and_its_stock_freed()
    {
        await using var shop = await StartAsync();
        var order = await ReserveAsDeadProcessAsync(shop, ("CUP-001", 2));
        (await shop.AvailableAsync("CUP-001")).ShouldBe(0);

        (await shop.Reconcile.RunOnceAsync(Ct)).Checked.ShouldBe(0, "still within the grace a live process would need");
        shop.Clock.Advance(shop.Options.PaymentCreationGrace);
        var report = await shop.Reconcile.RunOnceAsync(Ct);

        report.Abandoned.ShouldBe(1);
        var withdrawn = await shop.OrderAsync(order.Id);
        (withdrawn.Status, withdrawn.StatusReason, withdrawn.ReconcileAfter).ShouldBe((OrderStatus.Canceled, Reconcile.AbandonedReason, (DateTimeOffset?)null));
        (await shop.AvailableAsync("CUP-001")).ShouldBe(2);
        (await PaymentsOfAsync(shop, order.Id)).ShouldHaveSingleItem().Status.ShouldBe("canceled");
        // The pages are told, since a rebuild meanwhile may have shown the reservation as lower stock.
        (await shop.OutboxAsync(order.Id)).ShouldHaveSingleItem().ShouldSatisfyAllConditions(
            entry => entry.Kind.ShouldBe(OutboxKinds.OrderCanceled),
            entry => entry.Skus.ShouldBe(["CUP-001"]));
        (await shop.Reconcile.RunOnceAsync(Ct)).Checked.ShouldBe(0);
    }

    [Fact]
    public async Task an_order_whose_payment_was_created_but_never_attached_gets_that_same_payment_canceled()
    {
        await using var shop = await StartAsync();
        var order = await ReserveAsDeadProcessAsync(shop, ("CUP-001", 1));
        var created = await shop.Provider.CreateAsync(PaymentKeys.CreateRequest(order), Ct);
        shop.Clock.Advance(shop.Options.PaymentCreationGrace);

        var report = await shop.Reconcile.RunOnceAsync(Ct);

        report.Abandoned.ShouldBe(1);
        var withdrawn = await shop.OrderAsync(order.Id);
        withdrawn.Status.ShouldBe(OrderStatus.Canceled);
        withdrawn.PaymentId.ShouldBe(created.Id);
        (await PaymentsOfAsync(shop, order.Id)).ShouldHaveSingleItem().Id.ShouldBe(created.Id);
        (await shop.Provider.GetAsync(created.Id, Ct)).Status.ShouldBe(PaymentStatus.Canceled);
    }

    [Fact]
    public async Task a_slow_placement_whose_order_was_withdrawn_meanwhile_keeps_nothing()
    {
        await using var shop = await StartAsync();
        var order = await ReserveAsDeadProcessAsync(shop, ("CUP-001", 1));
        shop.Clock.Advance(shop.Options.PaymentCreationGrace);
        await shop.Reconcile.RunOnceAsync(Ct);

        // The placing process wakes up and finishes its steps; its order is gone, so it owns nothing.
        var payment = await shop.Provider.CreateAsync(PaymentKeys.CreateRequest(order), Ct);

        // The provider replays its first answer to the same key, but the payment itself is the canceled one.
        var withdrawn = await shop.OrderAsync(order.Id);
        withdrawn.Status.ShouldBe(OrderStatus.Canceled);
        payment.Id.ShouldBe(withdrawn.PaymentId);
        (await shop.Provider.GetAsync(payment.Id, Ct)).Status.ShouldBe(PaymentStatus.Canceled);
    }

    [Fact]
    public async Task a_reservation_that_ran_out_unpaid_is_expired_after_its_payment_is_canceled()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("CUP-001", 2));
        await shop.PayInBrowserAsync(placed, Browser.Declined);
        shop.Clock.Advance(shop.Options.ReservationTime);

        var report = await shop.Reconcile.RunOnceAsync(Ct);

        report.Expired.ShouldBe(1);
        var order = await shop.OrderAsync(placed.Order.Id);
        (order.Status, order.ReconcileAfter, order.ClientSecret).ShouldBe((OrderStatus.Expired, (DateTimeOffset?)null, (string?)null));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).Status.ShouldBe(PaymentStatus.Canceled);
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderExpired)).ShouldHaveSingleItem().Skus.ShouldBe(["CUP-001"]);
        (await shop.PayInBrowserAsync(placed)).Error.ShouldNotBeNull("a canceled payment can never be charged");
        (await shop.Reconcile.RunOnceAsync(Ct)).Checked.ShouldBe(0);
    }

    [Fact]
    public async Task expiry_interrupted_after_canceling_the_payment_is_finished_by_the_next_run()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("CUP-001", 2));
        shop.Clock.Advance(shop.Options.ReservationTime);
        await shop.Provider.CancelAsync(placed.Order.PaymentId!, PaymentKeys.Expire(placed.Order.Id), Ct);

        var report = await shop.Reconcile.RunOnceAsync(Ct);

        report.Expired.ShouldBe(1);
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.Expired);
    }

    [Fact]
    public async Task a_payment_nobody_confirmed_is_found_paid_when_the_reservation_ends()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        await shop.PayInBrowserAsync(placed);
        shop.Clock.Advance(shop.Options.ReservationTime);

        var report = await shop.Reconcile.RunOnceAsync(Ct);

        report.Paid.ShouldBe(1);
        var order = await shop.OrderAsync(placed.Order.Id);
        order.Status.ShouldBe(OrderStatus.Paid);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(8);
    }

    [Fact]
    public async Task a_payment_found_after_its_stock_was_sold_to_someone_else_is_refunded()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var late = await shop.PlaceAsync(("CUP-001", 2));
        await shop.PayInBrowserAsync(late);
        shop.Clock.Advance(shop.Options.ReservationTime);
        await shop.PayAndConfirmAsync(await shop.PlaceAsync(("CUP-001", 2)));

        var report = await shop.Reconcile.RunOnceAsync(Ct);

        report.Refunded.ShouldBe(1);
        var order = await shop.OrderAsync(late.Order.Id);
        (order.Status, order.StatusReason).ShouldBe((OrderStatus.Refunded, PaymentApplier.StockGoneReason));
        (await shop.Provider.GetAsync(order.PaymentId!, Ct)).AmountRefunded.ShouldBe(order.Total.Minor);
    }

    [Fact]
    public async Task an_order_whose_payment_the_provider_does_not_have_expires_without_holding_up_the_others()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var lacking = await shop.PlaceWithPaymentTheProviderLacksAsync(("CUP-001", 1));
        var paid = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(paid);
        shop.Clock.Advance(shop.Options.ReservationTime);

        var report = await shop.Reconcile.RunOnceAsync(Ct);

        (report.Checked, report.Expired, report.Paid).ShouldBe((2, 1, 1));
        var order = await shop.OrderAsync(lacking.Order.Id);
        (order.Status, order.StatusReason, order.ReconcileAfter).ShouldBe((OrderStatus.Expired, Reconcile.PaymentMissingReason, (DateTimeOffset?)null));
        (await shop.InventoryAsync("CUP-001")).Reserved.ShouldBe(0);
        shop.Logs.Lines.ShouldContain(line => line.Contains(lacking.Order.Id, StringComparison.Ordinal) && line.Contains("resource_missing", StringComparison.Ordinal));
        (await shop.Reconcile.RunOnceAsync(Ct)).Checked.ShouldBe(0);
    }

    [Fact]
    public async Task an_unavailable_provider_leaves_everything_for_the_next_run()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var unpaid = await shop.PlaceAsync(("CUP-001", 1));
        var paid = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(paid);
        shop.Clock.Advance(shop.Options.ReservationTime);
        shop.Sandbox.Outage = true;

        var down = await shop.Reconcile.RunOnceAsync(Ct);

        (down.Checked, down.Deferred).ShouldBe((2, 2));
        (await shop.OrderAsync(unpaid.Order.Id)).Status.ShouldBe(OrderStatus.PendingPayment);
        shop.Logs.Lines.ShouldContain(line => line.Contains("unavailable", StringComparison.Ordinal));

        shop.Sandbox.Outage = false;
        var up = await shop.Reconcile.RunOnceAsync(Ct);

        (up.Expired, up.Paid).ShouldBe((1, 1));
        (await shop.OrderAsync(unpaid.Order.Id)).Status.ShouldBe(OrderStatus.Expired);
        (await shop.OrderAsync(paid.Order.Id)).Status.ShouldBe(OrderStatus.Paid);
    }

    [Fact]
    public async Task a_provider_that_does_not_answer_is_not_asked_about_every_order_of_a_run()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = new List<PlacedOrder>();
        for (var i = 0; i < 4; i++)
        {
            placed.Add(await shop.PlaceAsync(("TEA-001", 1)));
        }

        shop.Clock.Advance(shop.Options.ReservationTime);
        shop.Sandbox.Outage = true;

        var down = await shop.Reconcile.RunOnceAsync(Ct);

        // Each question of a provider that hangs costs its whole timeout: a batch of them would hold the run (or a
        // scheduled maintenance call) for minutes, and every order would get the same answer. Two in a row suffice.
        (down.Checked, down.Deferred).ShouldBe((4, 4));
        shop.Logs.Lines.Count(line => line.Contains("the provider is unavailable", StringComparison.Ordinal)).ShouldBe(2);
        shop.Sandbox.Outage = false;
        (await shop.Reconcile.RunOnceAsync(Ct)).Expired.ShouldBe(4);
        foreach (var order in placed)
        {
            (await shop.OrderAsync(order.Order.Id)).Status.ShouldBe(OrderStatus.Expired);
        }
    }

    /// <summary>PlaceOrder's first step, then nothing: the process died before the payment was created.</summary>
    private static async Task<Order> ReserveAsDeadProcessAsync(TestShop shop, params (string Sku, long Quantity)[] lines) =>
        (await shop.PlaceOrder.ReserveAsync(CheckoutOf(lines), Ct)).Order;

    /// <summary>Every PaymentIntent the provider has for an order, read with the secret key as the dashboard would.</summary>
    private static async Task<List<PaymentIntent>> PaymentsOfAsync(TestShop shop, string orderId)
    {
        var client = new StripeClient(new StripeClientOptions
        {
            ApiKey = shop.Sandbox.SecretKey,
            ApiBase = shop.Sandbox.BaseUrl.AbsoluteUri.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(maxNetworkRetries: 0, enableTelemetry: false),
        });
        var ids = new HashSet<string>(StringComparer.Ordinal);
        await foreach (var stripeEvent in client.V1.Events.ListAutoPagingAsync(new EventListOptions { Type = "payment_intent.created", Limit = 100 }, null, Ct))
        {
            if (stripeEvent.Data.Object is PaymentIntent intent && intent.Metadata?.GetValueOrDefault("order_id") == orderId)
            {
                ids.Add(intent.Id);
            }
        }

        var intents = new List<PaymentIntent>();
        foreach (var id in ids)
        {
            intents.Add(await client.V1.PaymentIntents.GetAsync(id, null, null, Ct));
        }

        return intents;
    }
}
