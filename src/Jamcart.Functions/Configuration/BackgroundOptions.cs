namespace Jamcart.Functions.Configuration;

/// <summary>The background work: reconciliation and the purge of old idempotency records (<c>Jamcart:Background</c>).</summary>
public sealed class BackgroundOptions
{
    /// <summary>Off for tests that run reconciliation themselves.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>How often reconciliation runs; it also runs once at start-up.</summary>
    public TimeSpan ReconcileInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often idempotency records older than <see cref="IdempotencyRetention"/> are deleted.</summary>
    public TimeSpan PurgeInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long an <c>Idempotency-Key</c>'s answer is kept for replay.</summary>
    public TimeSpan IdempotencyRetention { get; set; } = TimeSpan.FromHours(24);

    /// <summary>How long a request holds its key before a retry may run again (a process that died mid-request).</summary>
    public TimeSpan IdempotencyLease { get; set; } = TimeSpan.FromSeconds(60);
}
