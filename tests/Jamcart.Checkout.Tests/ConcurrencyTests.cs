using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;
using Jamcart.Testing;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>
/// Races, on both databases: SQLite runs one writer at a time, PostgreSQL lets transactions interleave row by row,
/// and the use cases must keep every invariant on either (I2, I3).
/// </summary>
public sealed class ConcurrencyTests(PostgresServer postgres) : IClassFixture<PostgresServer>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Databases => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task two_hundred_buyers_racing_for_five_units_get_exactly_five(string database)
    {
        await using var shop = await StartAsync(await SetupAsync(database));

        var attempts = await Task.WhenAll(Enumerable.Range(0, 200).Select(_ => Task.Run(async () =>
        {
            try
            {
                return (await shop.PlaceAsync(("TEA-002", 1))).Order.Id;
            }
            catch (OutOfStockException)
            {
                return null;
            }
        }, Ct)));

        attempts.Count(id => id is not null).ShouldBe(5);
        var stock = await shop.InventoryAsync("TEA-002");
        (stock.OnHand, stock.Reserved, stock.Available).ShouldBe((5L, 5L, 0L));
        (await shop.ListOrders.HandleAsync("pending_payment", 100, null, Ct)).Items.Count.ShouldBe(5);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task carts_sharing_skus_in_opposite_orders_never_deadlock(string database)
    {
        await using var shop = await StartAsync(await SetupAsync(database));
        await shop.SetStock.HandleAsync("TEA-001", 1000, Ct);
        await shop.SetStock.HandleAsync("TEA-002", 1000, Ct);

        var placed = await Task.WhenAll(Enumerable.Range(0, 60).Select(i => Task.Run(() => i % 2 == 0
            ? shop.PlaceAsync(("TEA-001", 1), ("TEA-002", 2))
            : shop.PlaceAsync(("TEA-002", 2), ("TEA-001", 1)), Ct)));

        placed.Length.ShouldBe(60);
        (await shop.InventoryAsync("TEA-001")).Reserved.ShouldBe(60);
        (await shop.InventoryAsync("TEA-002")).Reserved.ShouldBe(120);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task confirm_and_webhook_racing_pay_once(string database)
    {
        await using var shop = await StartAsync(await SetupAsync(database, holdWebhooks: true));
        for (var round = 0; round < 5; round++)
        {
            var placed = await shop.PlaceAsync(("TEA-001", 1));
            await shop.PayInBrowserAsync(placed);
            await shop.DeliverWebhooksAsync();
            var succeeded = shop.Webhooks.Of("payment_intent.succeeded").Single(delivery => delivery.Body.Contains(placed.Order.PaymentId!, StringComparison.Ordinal));

            var racers = Enumerable.Range(0, 4).Select(i => i % 2 == 0
                ? Task.Run(() => shop.ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct), Ct)
                : Task.Run(async () => { await shop.Webhooks.ApplyAsync(succeeded); return await shop.OrderAsync(placed.Order.Id); }, Ct));
            var results = await Task.WhenAll(racers);

            results.ShouldAllBe(order => order.Status == OrderStatus.Paid);
            (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderPaid)).Count.ShouldBe(1);
        }

        var stock = await shop.InventoryAsync("TEA-001");
        (stock.OnHand, stock.Reserved).ShouldBe((5L, 0L));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task two_reconciliation_runs_at_once_do_each_thing_once(string database)
    {
        await using var shop = await StartAsync(await SetupAsync(database, holdWebhooks: true));
        var orders = new List<(PlacedOrder Placed, bool Paid)>();
        for (var i = 0; i < 6; i++)
        {
            var placed = await shop.PlaceAsync(("TEA-001", 1));
            if (i % 2 == 0)
            {
                await shop.PayInBrowserAsync(placed);
            }

            orders.Add((placed, i % 2 == 0));
        }

        shop.Clock.Advance(shop.Options.ReservationTime);

        await Task.WhenAll(Task.Run(() => shop.Reconcile.RunOnceAsync(Ct), Ct), Task.Run(() => shop.Reconcile.RunOnceAsync(Ct), Ct));

        foreach (var (placed, paid) in orders)
        {
            var order = await shop.OrderAsync(placed.Order.Id);
            order.Status.ShouldBe(paid ? OrderStatus.Paid : OrderStatus.Expired);
            (await shop.OutboxAsync(order.Id)).Select(message => message.Kind).ShouldBe(
                paid ? [OutboxKinds.OrderPaid, OutboxKinds.ReceiptSend] : [OutboxKinds.OrderExpired], ignoreOrder: true);
        }

        var stock = await shop.InventoryAsync("TEA-001");
        (stock.OnHand, stock.Reserved).ShouldBe((7L, 0L));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task the_buyer_canceling_while_the_payment_succeeds_ends_either_paid_or_canceled_never_both(string database)
    {
        await using var shop = await StartAsync(await SetupAsync(database, holdWebhooks: true));
        for (var round = 0; round < 4; round++)
        {
            var placed = await shop.PlaceAsync(("CUP-001", 1));

            var pay = Task.Run(() => shop.PayAndConfirmAsync(placed), Ct);
            var cancel = Task.Run(async () =>
            {
                try
                {
                    await shop.CancelOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
                }
                catch (OrderStateConflictException)
                {
                    // Paid first: the cancel must refuse.
                }
            }, Ct);
            await Task.WhenAll(pay, cancel);

            var order = await shop.OrderAsync(placed.Order.Id);
            var payment = await shop.Provider.GetAsync(order.PaymentId!, Ct);
            if (order.Status == OrderStatus.Paid)
            {
                payment.Status.ShouldBe(Payments.PaymentStatus.Succeeded);
                (await shop.OutboxAsync(order.Id, OutboxKinds.OrderCanceled)).ShouldBeEmpty();
                await shop.RefundOrder.HandleAsync(order.Id, null, Ct);
            }
            else
            {
                order.Status.ShouldBe(OrderStatus.Canceled);
                payment.Status.ShouldBe(Payments.PaymentStatus.Canceled);
            }

            var stock = await shop.InventoryAsync("CUP-001");
            (stock.OnHand, stock.Reserved).ShouldBe((2L, 0L));
        }
    }

    private async Task<ShopSetup> SetupAsync(string database, bool holdWebhooks = false) => new()
    {
        HoldWebhooks = holdWebhooks,
        Database = database == "postgres" ? await postgres.CreateDatabaseAsync() : null,
    };
}
