using System.Net.Http.Headers;
using System.Text.Json;

using Jamcart.Checkout.Tests.Support;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;

using Shouldly;

using static Jamcart.Checkout.Tests.Support.ProviderEvents;
using static Jamcart.Checkout.Tests.Support.TestShop;

namespace Jamcart.Checkout.Tests;

/// <summary>Chargebacks: a disputed payment's order stays paid and says so, until the dispute is decided.</summary>
public sealed class DisputeTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_disputed_payment_keeps_its_order_paid_and_says_so_until_the_dispute_is_decided()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 2)), Browser.Disputed);
        await shop.DeliverWebhooksAsync();
        var opened = shop.Webhooks.Of("charge.dispute.created").ShouldHaveSingleItem();

        (await shop.Webhooks.ApplyAsync(opened)).ShouldBe(WebhookOutcome.Applied);
        (await shop.Webhooks.ApplyAsync(opened)).ShouldBe(WebhookOutcome.Duplicate);

        var disputed = await shop.OrderAsync(order.Id);
        (disputed.Status, disputed.RefundedAmount).ShouldBe((OrderStatus.Paid, 0L));
        disputed.StatusReason.ShouldBe("The payment is disputed with the card's bank (fraudulent): 27000 KRW is withheld from the shop until "
            + "the dispute is decided, and the shop's answer is due by 2026-12-15.");
        shop.Logs.Lines.ShouldContain(line => line.StartsWith("Warning", StringComparison.Ordinal) && line.Contains($"Order {order.Id}: its payment is disputed", StringComparison.Ordinal));
        var listed = (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Disputes.ShouldHaveSingleItem();
        (listed.Id, listed.Amount, listed.Reason, listed.Status).ShouldBe((DisputeIdOf(opened), Krw(27_000), "fraudulent", "needs_response"));
        listed.DueBy.ShouldBe(new DateTimeOffset(2026, 12, 15, 1, 0, 0, TimeSpan.Zero));

        // The shop accepts the dispute in the provider's dashboard.
        await CloseAsync(shop, DisputeIdOf(opened));
        await shop.DeliverWebhooksAsync();
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.dispute.closed").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);

        var decided = await shop.OrderAsync(order.Id);
        (decided.Status, decided.RefundedAmount).ShouldBe((OrderStatus.Paid, 0L), "a lost dispute is not a refund");
        decided.StatusReason.ShouldBe("A dispute of the payment was decided for the cardholder: 27000 KRW went back to them through their bank.");
        (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Disputes.ShouldHaveSingleItem().Status.ShouldBe("lost");
    }

    [Fact]
    public async Task a_payment_with_an_open_or_lost_chargeback_is_not_refunded_and_one_whose_dispute_was_won_is()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var lost = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 1)), Browser.Disputed);
        var won = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 1)), Browser.Disputed);
        await shop.DeliverWebhooksAsync();
        foreach (var opened in shop.Webhooks.Of("charge.dispute.created"))
        {
            await shop.Webhooks.ApplyAsync(opened);
        }

        var whileOpen = await Should.ThrowAsync<Jamcart.Checkout.Errors.OrderStateConflictException>(() => shop.RefundOrder.HandleAsync(lost.Id, null, Ct));
        whileOpen.Message.ShouldContain("cannot be refunded while the dispute is open");
        var atProvider = await Should.ThrowAsync<Jamcart.Checkout.Payments.PaymentRequestRejectedException>(
            () => shop.Provider.RefundAsync(new Jamcart.Checkout.Payments.RefundRequest(lost.PaymentId!, null, "dashboard-refund"), Ct));
        atProvider.Code.ShouldBe("charge_disputed", "the provider refuses it too");

        var disputes = shop.Webhooks.Of("charge.dispute.created").Select(DisputeIdOf).ToList();
        await CloseAsync(shop, disputes[0]);
        await AnswerAsync(shop, disputes[1], "winning_evidence");
        await shop.DeliverWebhooksAsync();
        foreach (var closed in shop.Webhooks.Of("charge.dispute.closed"))
        {
            await shop.Webhooks.ApplyAsync(closed);
        }

        var afterLoss = await Should.ThrowAsync<Jamcart.Checkout.Errors.OrderStateConflictException>(() => shop.RefundOrder.HandleAsync(lost.Id, null, Ct));
        afterLoss.Message.ShouldBe("The payment's dispute was lost: the cardholder's bank gave 15000 KRW back already, so it cannot be refunded as well.");
        (await shop.Provider.GetAsync(lost.PaymentId!, Ct)).AmountRefunded.ShouldBe(0);
        (await shop.RefundOrder.HandleAsync(won.Id, null, Ct)).Order.Status.ShouldBe(OrderStatus.Refunded);
    }

    [Fact]
    public async Task a_dispute_the_shop_answered_is_said_to_be_under_review_and_no_longer_waiting_for_its_answer()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 2)), Browser.Disputed);
        await shop.DeliverWebhooksAsync();
        var opened = shop.Webhooks.Of("charge.dispute.created").ShouldHaveSingleItem();
        await shop.Webhooks.ApplyAsync(opened);

        // Evidence that decides nothing yet: the bank reviews it, and Stripe says so with charge.dispute.updated.
        await AnswerAsync(shop, DisputeIdOf(opened), "the parcel was signed for");
        await shop.DeliverWebhooksAsync();
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.dispute.updated").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);

        var reviewed = await shop.OrderAsync(order.Id);
        reviewed.StatusReason.ShouldBe("The payment is disputed with the card's bank (fraudulent): 27000 KRW is withheld from the shop until "
            + "the dispute is decided, and the shop's answer is under review.");
        (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Disputes.ShouldHaveSingleItem().Status.ShouldBe("under_review");
    }

    [Fact]
    public async Task a_late_report_that_a_dispute_is_open_does_not_undo_its_decision()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 2)), Browser.Disputed);
        await shop.DeliverWebhooksAsync();
        var opened = shop.Webhooks.Of("charge.dispute.created").ShouldHaveSingleItem();
        await AnswerAsync(shop, DisputeIdOf(opened), "winning_evidence");
        await shop.DeliverWebhooksAsync();

        // The decision arrives first, the opening last.
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.dispute.closed").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);
        (await shop.Webhooks.ApplyAsync(opened)).ShouldBe(WebhookOutcome.Applied);

        var decided = await shop.OrderAsync(order.Id);
        decided.Status.ShouldBe(OrderStatus.Paid);
        decided.StatusReason.ShouldBe("A dispute of the payment was decided for the shop: the 27000 KRW stays paid.");
        (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Disputes.ShouldHaveSingleItem().Status.ShouldBe("won");
    }

    [Fact]
    public async Task a_dispute_reported_before_its_payment_still_stands_once_the_order_is_paid()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var placed = await shop.PlaceAsync(("TEA-001", 2));
        await shop.PayInBrowserAsync(placed, Browser.Disputed);
        await shop.DeliverWebhooksAsync();

        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("charge.dispute.created").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);
        (await shop.Webhooks.ApplyAsync(shop.Webhooks.Of("payment_intent.succeeded").ShouldHaveSingleItem())).ShouldBe(WebhookOutcome.Applied);

        var paid = await shop.OrderAsync(placed.Order.Id);
        paid.Status.ShouldBe(OrderStatus.Paid);
        paid.StatusReason.ShouldNotBeNull().ShouldStartWith("The payment is disputed with the card's bank (fraudulent)");
    }

    [Fact]
    public async Task an_inquiry_withholds_nothing_and_once_closed_says_it_ended_without_a_chargeback()
    {
        await using var shop = await StartAsync(new ShopSetup { HoldWebhooks = true });
        var order = await shop.PayAndConfirmAsync(await shop.PlaceAsync(("TEA-001", 2)), Browser.Disputed);
        await shop.DeliverWebhooksAsync();
        var opened = shop.Webhooks.Of("charge.dispute.created").ShouldHaveSingleItem();

        // A retrieval request (Stripe's inquiry): the bank asks before deciding whether to dispute; no money moves.
        var asked = Resign(shop, opened.Body, json => json["data"]!["object"]!["status"] = "warning_needs_response");
        var closed = Resign(shop, opened.Body, json =>
        {
            json["type"] = "charge.dispute.closed";
            json["data"]!["object"]!["status"] = "warning_closed";
        });

        (await shop.HandleWebhook.HandleAsync(asked.Body, asked.Headers, Ct)).ShouldBe(WebhookOutcome.Applied);
        (await shop.OrderAsync(order.Id)).StatusReason.ShouldBe("The card's bank asked about the payment (fraudulent), an inquiry that is not a "
            + "chargeback: nothing is withheld from the shop, and the shop's answer is due by 2026-12-15.");
        (await shop.HandleWebhook.HandleAsync(closed.Body, closed.Headers, Ct)).ShouldBe(WebhookOutcome.Applied);

        var ended = await shop.OrderAsync(order.Id);
        (ended.Status, ended.RefundedAmount).ShouldBe((OrderStatus.Paid, 0L));
        ended.StatusReason.ShouldBe("The card's bank closed its inquiry about the payment without a chargeback: nothing was withheld.");
        (await shop.GetAdminOrder.HandleAsync(order.Id, Ct)).Disputes.ShouldHaveSingleItem().Status.ShouldBe("warning_closed");
    }

    private static string DisputeIdOf(Delivery delivery) =>
        JsonDocument.Parse(delivery.Body).RootElement.GetProperty("data").GetProperty("object").GetProperty("id").GetString()!;

    // As the shop would in the provider's dashboard: accept the dispute, or answer it with evidence.
    private static Task CloseAsync(TestShop shop, string disputeId) => PostToSandboxAsync(shop, $"v1/disputes/{disputeId}/close", []);

    private static Task AnswerAsync(TestShop shop, string disputeId, string evidence) =>
        PostToSandboxAsync(shop, $"v1/disputes/{disputeId}", [new("evidence[uncategorized_text]", evidence)]);

    private static async Task PostToSandboxAsync(TestShop shop, string path, KeyValuePair<string, string>[] form)
    {
        using var client = new HttpClient { BaseAddress = shop.Sandbox.BaseUrl };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", shop.Sandbox.SecretKey);
        using var response = await client.PostAsync(path, new FormUrlEncodedContent(form), Ct);
        response.EnsureSuccessStatusCode();
    }
}
