using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Storage;

using Microsoft.Extensions.Logging;

namespace Jamcart.Checkout.UseCases;

/// <summary>What one purge deleted.</summary>
/// <param name="IdempotencyRecords">Idempotency keys and their answers past their retention.</param>
/// <param name="OutboxEntries">Outbox entries done longer ago than their retention.</param>
/// <param name="WebhookEvents">Ids of handled provider events past their retention.</param>
public sealed record PurgeReport(int IdempotencyRecords, int OutboxEntries, int WebhookEvents);

/// <summary>What one maintenance run did; a part is null when another run held it (it was skipped, not failed).</summary>
public sealed record MaintenanceReport(ReconcileReport? Reconciliation, PurgeReport? Purge);

/// <summary>
/// The periodic work a checkout needs whatever hosts it: one reconciliation pass (see <see cref="Reconcile"/>) and the
/// purge of records past their retention. A long-lived host runs the two parts on its own timers; a serverless
/// platform, whose idle instances are frozen, has a scheduler call the whole of it.
/// </summary>
/// <remarks>
/// Each part runs under a lease of its own, so of several runs at once (a scheduler's call racing a host's timer, or
/// two instances called together) one does the part and the others skip it. Reconciliation would do each thing once
/// even without the lease; the lease spares the provider the same calls from every instance, and the database the
/// same deletes contending for the same rows.
/// </remarks>
public sealed partial class RunMaintenance(
    ICheckoutStore store,
    Reconcile reconcile,
    IIdempotencyStore idempotency,
    IMaintenanceStore maintenance,
    TimeProvider time,
    MaintenanceOptions options,
    ILogger<RunMaintenance> logger)
{
    /// <summary>The lease of the reconciliation part.</summary>
    public const string ReconcileLease = "jamcart-reconcile";

    /// <summary>The lease of the purge part.</summary>
    public const string PurgeLease = "jamcart-purge";

    /// <summary>Reconciles, then purges.</summary>
    public async Task<MaintenanceReport> RunAsync(CancellationToken ct) =>
        new(await ReconcileAsync(ct), await PurgeAsync(ct));

    /// <summary>One reconciliation run (<see cref="Reconcile.RunAsync"/>: batches until nothing is due, within its time budget); null when another run holds it.</summary>
    public async Task<ReconcileReport?> ReconcileAsync(CancellationToken ct)
    {
        // Most runs find nothing due. Those answer from one indexed read of the store, without the lease and the
        // connection of its own it takes on PostgreSQL; and a store that stopped answering fails here, on the store's
        // own connections, which is how their pool learns to replace the dead ones.
        if ((await store.ListOrdersDueAsync(time.StoreNow(), 1, ct)).Count == 0)
        {
            return new ReconcileReport(0, 0, 0, 0, 0, 0);
        }

        return await ExclusivelyAsync(ReconcileLease, "reconciliation", reconcile.RunAsync, ct);
    }

    /// <summary>Deletes what is past its retention; null when another run holds the purge.</summary>
    public Task<PurgeReport?> PurgeAsync(CancellationToken ct) =>
        ExclusivelyAsync(PurgeLease, "purge", PurgeOnceAsync, ct);

    private async Task<PurgeReport> PurgeOnceAsync(CancellationToken ct)
    {
        var now = time.StoreNow();
        var report = new PurgeReport(
            await idempotency.PurgeAsync(now - options.IdempotencyRetention, ct),
            await maintenance.PurgeOutboxAsync(now - options.OutboxRetention, options.PurgeLimit, ct),
            await maintenance.PurgeProcessedEventsAsync(now - options.WebhookEventRetention, options.PurgeLimit, ct));
        if (report.IdempotencyRecords + report.OutboxEntries + report.WebhookEvents > 0)
        {
            LogPurged(logger, report.IdempotencyRecords, report.OutboxEntries, report.WebhookEvents);
        }

        return report;
    }

    private async Task<T?> ExclusivelyAsync<T>(string leaseName, string part, Func<CancellationToken, Task<T>> work, CancellationToken ct)
        where T : class
    {
        // A lease per run: on PostgreSQL a transaction's advisory lock, released when the run ends or its process dies.
        await using var lease = maintenance.CreateLease(leaseName);
        if (!await lease.TryAcquireAsync(ct))
        {
            LogSkipped(logger, part);
            return null;
        }

        return await work(ct);
    }

    [LoggerMessage(EventId = 150, Level = LogLevel.Information, Message = "Maintenance {Part} skipped: another run is doing it")]
    private static partial void LogSkipped(ILogger logger, string part);

    [LoggerMessage(EventId = 151, Level = LogLevel.Information, Message = "Purged {IdempotencyRecords} idempotency records, {OutboxEntries} done outbox entries and {WebhookEvents} webhook event ids past their retention")]
    private static partial void LogPurged(ILogger logger, int idempotencyRecords, int outboxEntries, int webhookEvents);
}
