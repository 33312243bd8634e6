using Jamcart.Checkout.UseCases;

namespace Jamcart.Functions.Configuration;

/// <summary>
/// The background work: reconciliation and the purge of records past their retention (<c>Jamcart:Background</c>). The
/// same work runs on demand through <c>POST /api/admin/maintenance</c>, with the same retentions.
/// </summary>
public sealed class BackgroundOptions
{
    /// <summary>Off for tests that run reconciliation themselves, and for hosts whose scheduler calls the maintenance endpoint instead.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often reconciliation runs; it also runs once at start-up.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idempotency records, done outbox entries and handled webhook event ids past their retention are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an <c>Idempotency-Key</c>'s answer is kept for replay.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a request holds its key before a retry may run again (a process that died mid-request).</summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>How long an outbox entry is kept once done, for looking into what the workers did; pending entries are never deleted.</summary>
    public TimeSpan OutboxRetention { get; set; } = TimeSpan.FromDays(7);

    /// <summary>How long the id of a handled webhook event is kept, so a redelivery changes nothing; at least Stripe's 3 days of retries.</summary>
    public TimeSpan WebhookEventRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>The retentions as the maintenance use case takes them.</summary>
    public MaintenanceOptions ToMaintenanceOptions() => new()
    {
        IdempotencyRetention = IdempotencyRetention,
        OutboxRetention = OutboxRetention,
        WebhookEventRetention = WebhookEventRetention,
    };
}
