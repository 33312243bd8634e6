using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Microsoft.Extensions.Logging.Abstractions;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>One maintenance run: a reconciliation pass and the purges, each skipped while another run holds it.</summary>
public sealed class MaintenanceTests
{
    private static readonly MaintenanceOptions Options = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_run_withdraws_an_order_a_dead_process_left_and_purges_only_done_outbox_entries_past_their_retention()
    {
        await using var shop = await StartAsync();
        var stranded = (await shop.PlaceOrder.ReserveAsync(CheckoutOf(("CUP-001", 2)), Ct)).Order;
        await EnqueueAsync(shop, "OLD");
        await shop.Store.MarkOutboxDoneAsync([.. (await shop.Store.ListPendingOutboxAsync(100, Ct)).Select(entry => entry.Id)], shop.Clock.GetUtcNow(), Ct);
        shop.Clock.Advance(Options.OutboxRetention - TimeSpan.FromMinutes(1));
        var recent = await EnqueueAsync(shop, "RECENT");
        await shop.Store.MarkOutboxDoneAsync([recent], shop.Clock.GetUtcNow(), Ct);
        var pending = await EnqueueAsync(shop, "PENDING");
        shop.Clock.Advance(TimeSpan.FromMinutes(2));

        var report = await Maintenance(shop).RunAsync(Ct);

        report.Reconciliation.ShouldNotBeNull().Abandoned.ShouldBe(1);
        var purge = report.Purge.ShouldNotBeNull();
        purge.OutboxEntries.ShouldBeGreaterThanOrEqualTo(1);
        (await shop.OrderAsync(stranded.Id)).Status.ShouldBe(OrderStatus.Canceled);
        (await shop.AvailableAsync("CUP-001")).ShouldBe(2);
        var stillPending = await shop.Store.ListPendingOutboxAsync(100, Ct);
        stillPending.Select(entry => entry.Id).ShouldContain(pending);
        var announced = stillPending.Where(entry => entry.Id != pending).ShouldHaveSingleItem().Message;
        (announced.Kind, announced.OrderId).ShouldBe((OutboxKinds.OrderCanceled, stranded.Id), "the withdrawal tells the pages");
        announced.Skus.ShouldBe(["CUP-001"]);
        (await shop.Database.Maintenance.PurgeOutboxAsync(shop.Clock.GetUtcNow(), 100, Ct)).ShouldBe(1, "the entry done within the retention was kept");

        var again = await Maintenance(shop).RunAsync(Ct);
        again.Reconciliation.ShouldNotBeNull().Checked.ShouldBe(0);
        again.Purge.ShouldNotBeNull().OutboxEntries.ShouldBe(0);
    }

    [Fact]
    public async Task a_part_another_run_holds_is_skipped_and_done_by_the_next_run()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        await shop.PayInBrowserAsync(placed);
        shop.Clock.Advance(shop.Options.ReservationTime);

        MaintenanceReport skipped;
        await using (var otherRun = shop.Database.Maintenance.CreateLease(RunMaintenance.ReconcileLease))
        {
            (await otherRun.TryAcquireAsync(Ct)).ShouldBeTrue();
            skipped = await Maintenance(shop).RunAsync(Ct);
        }

        var next = await Maintenance(shop).RunAsync(Ct);

        skipped.Reconciliation.ShouldBeNull();
        skipped.Purge.ShouldNotBeNull("the purge has a lease of its own");
        next.Reconciliation.ShouldNotBeNull().Paid.ShouldBe(1);
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.Paid);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(8);
    }

    [Fact]
    public void a_webhook_event_retention_shorter_than_the_providers_retries_is_refused()
    {
        new MaintenanceOptions().Validate().ShouldBeEmpty();
        (new MaintenanceOptions { WebhookEventRetention = TimeSpan.FromDays(2) }).Validate().ShouldHaveSingleItem().ShouldContain("WebhookEventRetention");
        (new MaintenanceOptions { OutboxRetention = TimeSpan.FromDays(-1) }).Validate().ShouldHaveSingleItem().ShouldContain("OutboxRetention");
    }

    [Fact]
    public async Task one_run_reconciles_batch_after_batch_until_nothing_is_due()
    {
        // Webhooks held: the sandbox's payment_intent.canceled, applied first, would leave the run nothing to expire.
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true, Options = options => options.ReconcileBatchSize = 2 });
        for (var i = 0; i < 5; i++)
        {
            await shop.PlaceAsync(("TEA-001", 1));
        }

        shop.Clock.Advance(shop.Options.ReservationTime);

        var reconciled = (await Maintenance(shop).RunAsync(Ct)).Reconciliation.ShouldNotBeNull();

        (reconciled.Checked, reconciled.Left).ShouldBe((5, 0L), "three batches of at most two, in one run");
        // An order whose provider call timed out (a loaded machine) is deferred, not expired; it is looked at all the same.
        (reconciled.Expired + reconciled.Deferred).ShouldBe(5);
    }

    [Fact]
    public async Task a_run_past_its_time_budget_starts_no_further_batch_and_says_how_many_orders_are_left_due()
    {
        await using var shop = await StartAsync(new ShopSetup
        {
            HoldWebhooks = true,
            Options = options =>
            {
                options.ReconcileBatchSize = 2;
                options.ReconcileTimeBudget = TimeSpan.FromSeconds(1);
            },
        });
        for (var i = 0; i < 5; i++)
        {
            await shop.PlaceAsync(("TEA-001", 1));
        }

        shop.Clock.Advance(shop.Options.ReservationTime);
        // Every reading of the clock a second later: the first batch spends the whole budget.
        shop.Clock.AutoAdvanceAmount = TimeSpan.FromSeconds(1);

        var reconciled = (await Maintenance(shop).RunAsync(Ct)).Reconciliation.ShouldNotBeNull();
        shop.Clock.AutoAdvanceAmount = TimeSpan.Zero;

        (reconciled.Checked, reconciled.Expired, reconciled.Left).ShouldBe((2, 2, 3L));
        (await Maintenance(shop).RunAsync(Ct)).Reconciliation.ShouldNotBeNull().ShouldSatisfyAllConditions(
            next => next.Checked.ShouldBe(3, "the next run takes up the rest"),
            next => next.Left.ShouldBe(0));
    }

    private static RunMaintenance Maintenance(TestShop shop) =>
        new(shop.Store, shop.Reconcile, shop.Database.Idempotency, shop.Database.Maintenance, shop.Clock, Options, NullLogger<RunMaintenance>.Instance);

    /// <summary>Enqueues one stock message for <paramref name="sku"/>; its id.</summary>
    private static async Task<long> EnqueueAsync(TestShop shop, string sku)
    {
        await using (var transaction = await shop.Store.BeginAsync(Ct))
        {
            await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.StockChanged, null, [sku]), shop.Clock.GetUtcNow(), Ct);
            await transaction.CommitAsync(Ct);
        }

        return (await shop.Store.ListPendingOutboxAsync(1000, Ct)).Single(entry => entry.Message.Skus.Contains(sku)).Id;
    }
}
