using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;
using Jamcart.Payments.Sandbox;

using Microsoft.Extensions.Logging.Abstractions;

using Shouldly;

using Stripe;

using static Jamcart.Checkout.Tests.Support.ProviderEvents;
using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>Signed provider events: each applied once, in whatever order and however often they come.</summary>
public sealed class WebhookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_succeeded_payment_event_pays_the_order_without_any_confirm()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 1));

        await shop.PayInBrowserAsync(placed);
        await shop.DeliverWebhooksAsync();

        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.Paid);
        var outcomes = shop.Webhooks.Deliveries.ToDictionary(delivery => delivery.Type, delivery => delivery.Outcome);
        outcomes["payment_intent.succeeded"].ShouldBe(WebhookOutcome.Applied);
        outcomes["payment_intent.created"].ShouldBe(WebhookOutcome.Ignored);
        outcomes["charge.succeeded"].ShouldBe(WebhookOutcome.Ignored);
    }

    [Fact]
    public async Task the_same_event_twice_is_applied_once()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);
        await shop.DeliverWebhooksAsync();
        var succeeded = shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem();
        var created = shop.Webhooks.Of("payment_intent.created").ShouldHaveSingleItem();

        (await shop.Webhooks.ApplyAsync(succeeded)).ShouldBe(WebhookOutcome.Applied);
        (await shop.Webhooks.ApplyAsync(succeeded)).ShouldBe(WebhookOutcome.Duplicate);
        (await shop.Webhooks.ApplyAsync(created)).ShouldBe(WebhookOutcome.Ignored);
        (await shop.Webhooks.ApplyAsync(created)).ShouldBe(WebhookOutcome.Duplicate);

        (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderPaid)).Count.ShouldBe(1);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(9);
    }

    [Fact]
    public async Task events_in_reverse_order_end_where_the_payment_ended()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        await shop.PayInBrowserAsync(placed, Browser.Declined);
        await shop.PayInBrowserAsync(placed, Browser.Visa);
        await shop.Provider.RefundAsync(new RefundRequest(placed.Order.PaymentId!, 5000, "dashboard-refund-1"), Ct);
        await shop.DeliverWebhooksAsync();

        // Newest first: the refund, then the success, then the decline that came before both.
        foreach (var delivery in shop.Webhooks.Deliveries.Reverse())
        {
            await shop.Webhooks.ApplyAsync(delivery);
        }

        var order = await shop.OrderAsync(placed.Order.Id);
        order.Status.ShouldBe(OrderStatus.PartiallyRefunded);
        order.RefundedAmount.ShouldBe(5000);
        order.LastPaymentError.ShouldBeNull();
        (await shop.OutboxAsync(order.Id, OutboxKinds.OrderPaid)).Count.ShouldBe(1);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(8);
    }

    [Fact]
    public async Task a_late_failure_or_cancel_event_never_moves_a_paid_order_back()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed, Browser.Declined);
        await shop.DeliverWebhooksAsync();
        var failed = shop.Webhooks.Of("payment_intent.payment_failed").ShouldHaveSingleItem();
        await shop.PayAndConfirmAsync(placed);

        (await shop.Webhooks.ApplyAsync(failed)).ShouldBe(WebhookOutcome.Applied);
        var canceled = Resign(shop, failed.Body, json => json["data"]!["object"]!["status"] = "canceled", "evt_forged_cancel");
        (await shop.HandleWebhook.HandleAsync(canceled.Body, canceled.Headers, Ct)).ShouldBe(WebhookOutcome.Applied);

        var order = await shop.OrderAsync(placed.Order.Id);
        order.Status.ShouldBe(OrderStatus.Paid);
        order.LastPaymentError.ShouldBeNull();
    }

    [Fact]
    public async Task chaos_duplicated_delayed_and_reordered_deliveries_pay_each_order_once()
    {
        await using var shop = await StartAsync(new ShopSetup
        {
            Chaos = new SandboxChaos { DuplicateRate = 1, Reorder = true, DelayRate = 1, MaxDelay = TimeSpan.FromSeconds(30), Seed = 11 },
        });
        var orders = new List<PlacedOrder>();
        for (var i = 0; i < 4; i++)
        {
            var placed = await shop.PlaceAsync(("TEA-001", 1), ("TEA-002", 1));
            await shop.PayInBrowserAsync(placed, i % 2 == 0 ? Browser.Visa : Browser.Declined);
            if (i % 2 == 1)
            {
                await shop.PayInBrowserAsync(placed, Browser.Visa);
            }

            orders.Add(placed);
        }

        await shop.Provider.RefundAsync(new RefundRequest(orders[0].Order.PaymentId!, null, "dashboard-refund-all"), Ct);
        await shop.DeliverWebhooksAsync();

        shop.Webhooks.Deliveries.Count(delivery => delivery.Outcome == WebhookOutcome.Duplicate).ShouldBeGreaterThan(0);
        shop.Webhooks.Deliveries.ShouldAllBe(delivery => delivery.Outcome != null);
        (await shop.OrderAsync(orders[0].Order.Id)).Status.ShouldBe(OrderStatus.Refunded);
        foreach (var placed in orders.Skip(1))
        {
            (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.Paid);
        }

        foreach (var placed in orders)
        {
            (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderPaid)).Count.ShouldBe(1);
        }

        // Three sold, one sold and given back.
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(7);
        (await shop.InventoryAsync("TEA-002")).OnHand.ShouldBe(2);
    }

    [Theory]
    [InlineData("amount")]
    [InlineData("currency")]
    [InlineData("order id")]
    public async Task a_signed_event_that_does_not_match_its_order_is_acknowledged_and_never_pays(string field)
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);
        await shop.DeliverWebhooksAsync();
        var succeeded = shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem();
        var forged = Resign(shop, succeeded.Body, json =>
        {
            var intent = json["data"]!["object"]!;
            switch (field)
            {
                case "amount":
                    intent["amount"] = 1000;
                    break;
                case "currency":
                    intent["currency"] = "jpy";
                    break;
                default:
                    intent["metadata"]!["order_id"] = OrderIds.NewOrderId(DateTimeOffset.UtcNow);
                    break;
            }
        });

        var outcome = await shop.HandleWebhook.HandleAsync(forged.Body, forged.Headers, Ct);

        outcome.ShouldBe(WebhookOutcome.Mismatch);
        var order = await shop.OrderAsync(placed.Order.Id);
        order.Status.ShouldBe(OrderStatus.PendingPayment);
        order.StatusReason.ShouldNotBeNull().ShouldContain(field);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
        shop.Logs.Lines.ShouldContain(line => line.Contains("does not match", StringComparison.Ordinal) && line.Contains(order.Id, StringComparison.Ordinal));
    }

    [Fact]
    public async Task an_event_naming_another_order_flags_the_order_that_holds_the_payment()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        var other = await shop.PlaceAsync(("TEA-001", 2));
        await shop.PayInBrowserAsync(placed);
        await shop.DeliverWebhooksAsync();
        var succeeded = shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem();

        // The order id the provider keeps was changed to another order's, which holds a payment of its own.
        var forged = Resign(shop, succeeded.Body, json => json["data"]!["object"]!["metadata"]!["order_id"] = other.Order.Id);

        (await shop.HandleWebhook.HandleAsync(forged.Body, forged.Headers, Ct)).ShouldBe(WebhookOutcome.Mismatch);
        var holder = await shop.OrderAsync(placed.Order.Id);
        (holder.Status, holder.StatusReason.ShouldNotBeNull().Contains("order id", StringComparison.Ordinal)).ShouldBe((OrderStatus.PendingPayment, true));
        var named = await shop.OrderAsync(other.Order.Id);
        (named.Status, named.StatusReason).ShouldBe((OrderStatus.PendingPayment, (string?)null));
        (await shop.Webhooks.ApplyAsync(succeeded)).ShouldBe(WebhookOutcome.Applied);
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.Paid);
    }

    [Fact]
    public async Task a_bad_signature_is_refused_and_nothing_is_recorded()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);
        await shop.DeliverWebhooksAsync();
        var succeeded = shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem();
        var stale = EventUtility.GenerateSignatureHeader(succeeded.Body, shop.Sandbox.WebhookSecret, shop.Clock.GetUtcNow().AddMinutes(-10).ToUnixTimeSeconds());

        await Should.ThrowAsync<InvalidSignatureException>(() => shop.HandleWebhook.HandleAsync(succeeded.Body + " ", succeeded.Headers, Ct));
        await Should.ThrowAsync<InvalidSignatureException>(() => shop.HandleWebhook.HandleAsync(succeeded.Body, new Dictionary<string, string>(), Ct));
        await Should.ThrowAsync<InvalidSignatureException>(() => shop.HandleWebhook.HandleAsync(succeeded.Body, new Dictionary<string, string> { ["Stripe-Signature"] = stale }, Ct));

        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.PendingPayment);
        (await shop.Webhooks.ApplyAsync(succeeded)).ShouldBe(WebhookOutcome.Applied);
    }

    [Fact]
    public async Task a_succeeded_payment_event_without_the_order_id_pays_by_what_the_provider_says_of_the_payment()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);
        await shop.DeliverWebhooksAsync();
        var succeeded = shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem();

        // The order is found through the provider, which keeps the order id: its answer, not the bare event, is checked.
        var bare = Resign(shop, succeeded.Body, json => json["data"]!["object"]!.AsObject().Remove("metadata"));

        (await shop.HandleWebhook.HandleAsync(bare.Body, bare.Headers, Ct)).ShouldBe(WebhookOutcome.Applied);
        var order = await shop.OrderAsync(placed.Order.Id);
        (order.Status, order.StatusReason).ShouldBe((OrderStatus.Paid, (string?)null));
    }

    [Fact]
    public async Task an_event_from_the_other_mode_than_the_keys_is_acknowledged_and_never_applied()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);
        await shop.DeliverWebhooksAsync();
        var succeeded = shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem();

        // Signed with a secret the shop holds, but sent by the account's live mode while the shop uses test keys (or
        // the other way round): its payments are not the ones the shop's keys can read back, so it proves nothing.
        var live = Resign(shop, succeeded.Body, json => json["livemode"] = true);

        (await shop.HandleWebhook.HandleAsync(live.Body, live.Headers, Ct)).ShouldBe(WebhookOutcome.Ignored);
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.PendingPayment);
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
        shop.Logs.Lines.ShouldContain(line => line.Contains("other mode", StringComparison.Ordinal));
        (await shop.Webhooks.ApplyAsync(succeeded)).ShouldBe(WebhookOutcome.Applied);
    }

    [Fact]
    public async Task an_event_about_a_payment_no_order_has_is_acknowledged()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var foreign = await shop.Provider.CreateAsync(new CreatePaymentRequest("ord_from_another_integration", Krw(5000), "foreign-1"), Ct);
        await shop.Browser.PayAsync(foreign.ClientSecret!);
        await shop.DeliverWebhooksAsync();

        var succeeded = shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem();

        (await shop.Webhooks.ApplyAsync(succeeded)).ShouldBe(WebhookOutcome.UnknownPayment);
    }

    [Fact]
    public async Task only_an_order_id_jamcart_makes_that_names_no_order_holding_the_payment_starts_a_search()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayInBrowserAsync(placed);
        // Another integration on the same account, keeping an order_id of its own.
        var foreign = await shop.Provider.CreateAsync(new CreatePaymentRequest("12345", Krw(5000), "foreign-2"), Ct);
        await shop.Browser.PayAsync(foreign.ClientSecret!);
        await shop.DeliverWebhooksAsync();
        var succeeded = shop.Webhooks.Of("payment_intent.succeeded");
        var ours = succeeded.Single(delivery => delivery.Body.Contains(placed.Order.Id, StringComparison.Ordinal));
        var theirs = succeeded.Single(delivery => delivery.Body.Contains(foreign.Id, StringComparison.Ordinal));
        var renamed = Resign(shop, ours.Body, json => json["data"]!["object"]!["metadata"]!["order_id"] = OrderIds.NewOrderId(DateTimeOffset.UtcNow));
        var (store, calls) = StoreCalls.Around(shop.Store);
        var handle = new HandleWebhook(store, shop.Provider, shop.Clock, NullLogger<HandleWebhook>.Instance);
        int Searches() => calls.Of(nameof(ICheckoutStore.FindOrderByPaymentIdAsync));

        (await handle.HandleAsync(theirs.Body, theirs.Headers, Ct)).ShouldBe(WebhookOutcome.UnknownPayment);
        Searches().ShouldBe(0);
        (await handle.HandleAsync(renamed.Body, renamed.Headers, Ct)).ShouldBe(WebhookOutcome.Mismatch);
        Searches().ShouldBe(1);
        (await handle.HandleAsync(ours.Body, ours.Headers, Ct)).ShouldBe(WebhookOutcome.Applied);
        Searches().ShouldBe(1);
        (await shop.OrderAsync(placed.Order.Id)).Status.ShouldBe(OrderStatus.Paid);
    }

    [Fact]
    public async Task a_refund_made_at_the_provider_is_learned_from_its_event()
    {
        await using var shop = await StartAsync();
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        await shop.PayAndConfirmAsync(placed);

        await shop.Provider.RefundAsync(new RefundRequest(placed.Order.PaymentId!, 7000, "dashboard-1"), Ct);
        await shop.DeliverWebhooksAsync();
        var partly = await shop.OrderAsync(placed.Order.Id);
        await shop.Provider.RefundAsync(new RefundRequest(placed.Order.PaymentId!, null, "dashboard-2"), Ct);
        await shop.DeliverWebhooksAsync();
        var whole = await shop.OrderAsync(placed.Order.Id);

        (partly.Status, partly.RefundedAmount).ShouldBe((OrderStatus.PartiallyRefunded, 7000L));
        (whole.Status, whole.RefundedAmount).ShouldBe((OrderStatus.Refunded, 27_000L));
        (await shop.InventoryAsync("TEA-001")).OnHand.ShouldBe(10);
        (await shop.OutboxAsync(placed.Order.Id, OutboxKinds.OrderRefunded)).Count.ShouldBe(2);
    }

    [Fact]
    public async Task a_refunded_charge_without_the_order_id_is_read_from_the_provider_instead()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 1));
        await shop.PayAndConfirmAsync(placed);
        await shop.Provider.RefundAsync(new RefundRequest(placed.Order.PaymentId!, 4000, "dashboard-1"), Ct);
        await shop.DeliverWebhooksAsync();

        // Stripe does not always copy a PaymentIntent's metadata onto its charges.
        var refunded = shop.Webhooks.Of("charge.refunded").ShouldHaveSingleItem();
        var bare = Resign(shop, refunded.Body, json => json["data"]!["object"]!.AsObject().Remove("metadata"));

        (await shop.HandleWebhook.HandleAsync(bare.Body, bare.Headers, Ct)).ShouldBe(WebhookOutcome.Applied);
        var order = await shop.OrderAsync(placed.Order.Id);
        (order.Status, order.RefundedAmount, order.StatusReason).ShouldBe((OrderStatus.PartiallyRefunded, 4000L, (string?)null));
    }
}
