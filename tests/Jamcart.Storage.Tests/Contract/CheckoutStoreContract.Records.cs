using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    [Fact]
    public async Task a_provider_event_is_recorded_once()
    {
        (await InTransactionAsync(t => t.TryRecordEventAsync("evt_1", "payment_intent.succeeded", Now, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryRecordEventAsync("evt_1", "payment_intent.succeeded", Now, Ct))).ShouldBeFalse();
        (await InTransactionAsync(t => t.TryRecordEventAsync("evt_2", "charge.refunded", Now, Ct))).ShouldBeTrue();
    }

    [Fact]
    public async Task an_event_recorded_in_a_rolled_back_transaction_is_not_a_duplicate()
    {
        await using (var transaction = await Store.BeginAsync(Ct))
        {
            (await transaction.TryRecordEventAsync("evt_1", "payment_intent.succeeded", Now, Ct)).ShouldBeTrue();
        }

        (await InTransactionAsync(t => t.TryRecordEventAsync("evt_1", "payment_intent.succeeded", Now, Ct))).ShouldBeTrue();
    }

    [Fact]
    public async Task the_same_event_delivered_to_many_processes_at_once_is_recorded_once()
    {
        await using var other = await CheckoutDatabase.OpenAsync(ConnectionString, Time, cancellationToken: Ct);
        var stores = new[] { Store, other.Store };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(
            async () =>
            {
                await using var transaction = await stores[i % 2].BeginAsync(Ct);
                var recorded = await transaction.TryRecordEventAsync("evt_race", "payment_intent.succeeded", Now, Ct);
                await transaction.CommitAsync(Ct);
                return recorded;
            },
            Ct)));

        results.Count(recorded => recorded).ShouldBe(1);
    }

    [Fact]
    public async Task refunds_made_within_one_second_are_listed_as_they_were_recorded()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        // The provider's times have whole seconds: these three share one, and their ids sort the other way round.
        var made = new[] { "re_c", "re_b", "re_a" }.Select((id, i) => new OrderRefund(id, new Money(1000 * (i + 1), Currency.KRW), Now)).ToList();

        foreach (var refund in made)
        {
            (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, refund, Ct))).ShouldBeTrue();
        }

        (await Store.GetRefundsAsync(order.Id, Ct)).ShouldBe(made);
    }

    [Fact]
    public async Task a_refund_is_recorded_once_and_listed_oldest_first()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        var second = new OrderRefund("re_2", new Money(500, Currency.KRW), Now.AddMinutes(2));
        var first = new OrderRefund("re_1", new Money(1000, Currency.KRW), Now.AddMinutes(1));

        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, second, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, first, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, first with { Amount = new Money(1, Currency.KRW) }, Ct))).ShouldBeFalse();

        (await Store.GetRefundsAsync(order.Id, Ct)).ShouldBe([first, second]);
        (await Store.GetRefundsAsync("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_refund_keeps_the_status_the_provider_last_reported()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        var pending = new OrderRefund("re_pending", new Money(1000, Currency.KRW), Now) { Status = RefundStatuses.Pending };
        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, pending, Ct))).ShouldBeTrue();
        (await Store.GetRefundsAsync(order.Id, Ct)).ShouldBe([pending]);

        (await InTransactionAsync(t => t.TrySetRefundStatusAsync("re_pending", RefundStatuses.Succeeded, null, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TrySetRefundStatusAsync("re_pending", RefundStatuses.Succeeded, null, Ct))).ShouldBeFalse("it says so already");
        (await InTransactionAsync(t => t.TrySetRefundStatusAsync("re_pending", RefundStatuses.Failed, "expired_or_canceled_card", Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TrySetRefundStatusAsync("re_pending", RefundStatuses.Failed, "lost_or_stolen_card", Ct))).ShouldBeTrue("another reason");
        (await InTransactionAsync(t => t.TrySetRefundStatusAsync("re_unknown", RefundStatuses.Failed, null, Ct))).ShouldBeFalse("a refund made elsewhere has no row");

        (await InTransactionAsync(t => t.TrySetRefundStatusAsync("re_pending", RefundStatuses.Succeeded, null, Ct))).ShouldBeFalse("a failed refund never goes through later");

        (await Store.GetRefundsAsync(order.Id, Ct)).ShouldBe([pending with { Status = RefundStatuses.Failed, FailureReason = "lost_or_stolen_card" }]);
    }

    [Fact]
    public async Task a_dispute_keeps_its_newest_state_and_its_decision()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        var open = new OrderDispute("dp_1", new Money(24_000, Currency.KRW), "fraudulent", "needs_response", Now.AddDays(21), Now);

        (await InTransactionAsync(t => t.TryRecordDisputeAsync(order.Id, open, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryRecordDisputeAsync(order.Id, open, Ct))).ShouldBeFalse("it says so already");
        (await InTransactionAsync(t => t.TryRecordDisputeAsync(order.Id, open with { Status = "under_review" }, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryRecordDisputeAsync(order.Id, open with { Status = "lost" }, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryRecordDisputeAsync(order.Id, open, Ct))).ShouldBeFalse("a late report of the open dispute");
        (await Store.GetDisputesAsync(order.Id, Ct)).ShouldBe([open with { Status = "lost" }]);

        var other = new OrderDispute("dp_2", new Money(1000, Currency.KRW), "duplicate", "needs_response", null, Now.AddMinutes(1));
        (await InTransactionAsync(t => t.TryRecordDisputeAsync(order.Id, other, Ct))).ShouldBeTrue();
        (await Store.GetDisputesAsync(order.Id, Ct)).ShouldBe([open with { Status = "lost" }, other]);
        (await Store.GetDisputesAsync("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_refund_is_answered_to_one_request_whether_or_not_its_event_listed_it_first()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        var fromEvent = new OrderRefund("re_event", new Money(1000, Currency.KRW), Now) { Answered = false };
        var direct = new OrderRefund("re_direct", new Money(500, Currency.KRW), Now.AddSeconds(1));

        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, fromEvent, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryAnswerRefundAsync(order.Id, fromEvent, Ct))).ShouldBeTrue("listed by its event, then answered");
        (await InTransactionAsync(t => t.TryAnswerRefundAsync(order.Id, fromEvent, Ct))).ShouldBeFalse("answered once");
        (await InTransactionAsync(t => t.TryAnswerRefundAsync(order.Id, direct, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, direct with { Answered = false }, Ct))).ShouldBeFalse("its late event changes nothing");

        (await Store.GetRefundsAsync(order.Id, Ct)).ShouldBe([fromEvent with { Answered = true }, direct]);
    }

    [Fact]
    public async Task a_refund_keeps_the_key_of_the_request_that_made_it_once_answered()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        var lost = new OrderRefund("re_lost", new Money(1000, Currency.KRW), Now) { Answered = false, RequestKey = $"refund:{order.Id}:1:1000" };
        var elsewhere = new OrderRefund("re_elsewhere", new Money(500, Currency.KRW), Now.AddSeconds(1)) { Answered = false };

        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, lost, Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.TryInsertRefundAsync(order.Id, elsewhere, Ct))).ShouldBeTrue();
        (await Store.GetRefundsAsync(order.Id, Ct)).ShouldBe([lost, elsewhere]);

        (await InTransactionAsync(t => t.TryAnswerRefundAsync(order.Id, lost, Ct))).ShouldBeTrue();
        (await Store.GetRefundsAsync(order.Id, Ct)).ShouldBe([lost with { Answered = true }, elsewhere]);
    }

    [Fact]
    public async Task a_refund_attempt_is_kept_once_per_key_until_its_answer_is_recorded()
    {
        await SeedAsync(("TEA-1", 5));
        var order = await PlaceOrderAsync(("TEA-1", 2));
        var other = await PlaceOrderAsync(("TEA-1", 1));
        var first = new RefundAttempt($"refund:{order.Id}:1:1000", 1000, Now);
        var second = new RefundAttempt($"refund:{order.Id}:1:500", 500, Now.AddSeconds(1));

        await Store.RecordRefundAttemptAsync(order.Id, first, Ct);
        await Store.RecordRefundAttemptAsync(order.Id, second, Ct);
        // The retry of the first request records its attempt again: the first one's row stays as it was.
        await Store.RecordRefundAttemptAsync(order.Id, first with { StartedAt = Now.AddSeconds(5) }, Ct);
        await Store.RecordRefundAttemptAsync(other.Id, new RefundAttempt($"refund:{other.Id}:1:700", 700, Now), Ct);

        (await Store.GetRefundAttemptsAsync(order.Id, Ct)).ShouldBe([first, second]);

        await InTransactionAsync(async t =>
        {
            await t.ForgetRefundAttemptAsync(first.RequestKey, Ct);
            await t.ForgetRefundAttemptAsync("refund:no-such-attempt", Ct);
            return true;
        });
        (await Store.GetRefundAttemptsAsync(order.Id, Ct)).ShouldBe([second]);
        (await Store.GetRefundAttemptsAsync(other.Id, Ct)).ShouldHaveSingleItem().Amount.ShouldBe(700);
    }

    [Fact]
    public async Task outbox_messages_are_listed_oldest_first_until_marked_done()
    {
        var paid = new OutboxMessage(OutboxKinds.OrderPaid, "ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", ["TEA-1", "TEA-2"]);
        var stock = new OutboxMessage(OutboxKinds.StockChanged, null, ["TEA-3"]);
        var empty = new OutboxMessage(OutboxKinds.CatalogSynced, null, []);
        await InTransactionAsync(async t =>
        {
            await t.EnqueueAsync(paid, Now, Ct);
            await t.EnqueueAsync(stock, Now.AddSeconds(1), Ct);
            await t.EnqueueAsync(empty, Now.AddSeconds(2), Ct);
            return true;
        });

        var pending = await Store.ListPendingOutboxAsync(10, Ct);

        pending.Select(entry => entry.Message.Kind).ShouldBe([OutboxKinds.OrderPaid, OutboxKinds.StockChanged, OutboxKinds.CatalogSynced]);
        pending[0].Message.OrderId.ShouldBe(paid.OrderId);
        pending[0].Message.Skus.ShouldBe(paid.Skus);
        pending[1].Message.OrderId.ShouldBeNull();
        pending[2].Message.Skus.ShouldBeEmpty();
        pending[1].CreatedAt.ShouldBe(Now.AddSeconds(1));
        pending[0].Attempts.ShouldBe(0);
        (await Store.ListPendingOutboxAsync(1, Ct)).Single().Id.ShouldBe(pending[0].Id);

        await Store.MarkOutboxDoneAsync([pending[0].Id, pending[2].Id], Now, Ct);
        await Store.MarkOutboxDoneAsync([pending[0].Id], Now, Ct);
        await Store.MarkOutboxDoneAsync([], Now, Ct);

        (await Store.ListPendingOutboxAsync(10, Ct)).Select(entry => entry.Id).ShouldBe([pending[1].Id]);
    }

    [Fact]
    public async Task an_outbox_message_of_a_rolled_back_transaction_is_never_seen()
    {
        await using (var transaction = await Store.BeginAsync(Ct))
        {
            await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.OrderPaid, null, ["TEA-1"]), Now, Ct);
        }

        (await Store.ListPendingOutboxAsync(10, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task the_database_answers_a_ping()
    {
        (await Store.PingAsync(Ct)).ShouldBeTrue();
        Database.Kind.ShouldBe(Kind);
    }
}
