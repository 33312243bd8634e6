using Jamcart.Checkout.Storage;
using Jamcart.Storage.Store;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    private IMaintenanceStore Maintenance => Database.Maintenance;

    [Fact]
    public async Task the_outbox_purge_deletes_only_entries_done_before_the_cutoff_and_never_a_pending_one()
    {
        var ids = await EnqueueAsync(3);
        await Store.MarkOutboxDoneAsync([ids[0]], Now, Ct);
        Time.Advance(TimeSpan.FromDays(1));
        await Store.MarkOutboxDoneAsync([ids[1]], Now, Ct);
        Time.Advance(TimeSpan.FromDays(30));

        (await Maintenance.PurgeOutboxAsync(Start.AddHours(12), 100, Ct)).ShouldBe(1, "only the entry done before the cutoff");
        (await Maintenance.PurgeOutboxAsync(Start.AddHours(12), 100, Ct)).ShouldBe(0);
        (await Maintenance.PurgeOutboxAsync(Now, 100, Ct)).ShouldBe(1, "the entry done a day later, now past the cutoff too");

        (await Store.ListPendingOutboxAsync(10, Ct)).Select(entry => entry.Id).ShouldBe([ids[2]], "a pending entry stays, however old");
        (await Maintenance.PurgeOutboxAsync(Now.AddYears(1), 100, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task the_outbox_purge_deletes_a_large_backlog_in_batches_up_to_its_limit_per_call()
    {
        var ids = await EnqueueAsync((SqlMaintenanceStore.BatchSize * 2) + 500);
        await Store.MarkOutboxDoneAsync(ids, Now, Ct);
        Time.Advance(TimeSpan.FromDays(8));

        (await Maintenance.PurgeOutboxAsync(Now, SqlMaintenanceStore.BatchSize + 1, Ct)).ShouldBe(SqlMaintenanceStore.BatchSize * 2, "whole batches, stopping once past the limit");
        (await Maintenance.PurgeOutboxAsync(Now, int.MaxValue, Ct)).ShouldBe(500);
        (await Maintenance.PurgeOutboxAsync(Now, int.MaxValue, Ct)).ShouldBe(0);
    }

    [Fact]
    public async Task handled_webhook_events_past_the_cutoff_are_forgotten_and_later_ones_still_deduplicate()
    {
        await InTransactionAsync(t => t.TryRecordEventAsync("evt_old", "payment_intent.succeeded", Now, Ct));
        Time.Advance(TimeSpan.FromDays(31));
        await InTransactionAsync(t => t.TryRecordEventAsync("evt_new", "payment_intent.succeeded", Now, Ct));

        (await Maintenance.PurgeProcessedEventsAsync(Now - TimeSpan.FromDays(30), 100, Ct)).ShouldBe(1);
        (await Maintenance.PurgeProcessedEventsAsync(Now - TimeSpan.FromDays(30), 100, Ct)).ShouldBe(0);

        (await InTransactionAsync(t => t.TryRecordEventAsync("evt_new", "payment_intent.succeeded", Now, Ct))).ShouldBeFalse();
        (await InTransactionAsync(t => t.TryRecordEventAsync("evt_old", "payment_intent.succeeded", Now, Ct))).ShouldBeTrue();
    }

    [Fact]
    public async Task a_maintenance_lease_is_held_by_one_holder_at_a_time()
    {
        await using var first = Maintenance.CreateLease("jamcart-test-maintenance");
        await using var second = Maintenance.CreateLease("jamcart-test-maintenance");

        (await first.TryAcquireAsync(Ct)).ShouldBeTrue();
        (await second.TryAcquireAsync(Ct)).ShouldBeFalse();
        await first.ReleaseAsync(Ct);
        (await second.TryAcquireAsync(Ct)).ShouldBeTrue();
    }

    /// <summary>Enqueues <paramref name="count"/> messages in one transaction; their ids, oldest first.</summary>
    private async Task<IReadOnlyList<long>> EnqueueAsync(int count)
    {
        await InTransactionAsync(async t =>
        {
            for (var i = 0; i < count; i++)
            {
                await t.EnqueueAsync(new OutboxMessage(OutboxKinds.StockChanged, null, ["TEA-1"]), Now, Ct);
            }

            return count;
        });
        return [.. (await Store.ListPendingOutboxAsync(count, Ct)).Select(entry => entry.Id)];
    }
}
