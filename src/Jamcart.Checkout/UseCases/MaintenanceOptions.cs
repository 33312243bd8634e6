namespace Jamcart.Checkout.UseCases;

/// <summary>How long finished records are kept before maintenance deletes them, and how many one run deletes at most.</summary>
public sealed record MaintenanceOptions
{
    /// <summary>Stripe retries a webhook event for up to 3 days; a shorter retention would let a late retry of a handled event count as new.</summary>
    public static readonly TimeSpan ProviderRetryWindow = TimeSpan.FromDays(3);

    /// <summary>How long an <c>Idempotency-Key</c>'s answer is kept for replay.</summary>
    public TimeSpan IdempotencyRetention { get; init; } = TimeSpan.FromHours(24);

    /// <summary>How long an outbox entry is kept once done (pending ones are never deleted).</summary>
    public TimeSpan OutboxRetention { get; init; } = TimeSpan.FromDays(7);

    /// <summary>How long the id of a handled provider event is kept, so that a redelivery changes nothing.</summary>
    public TimeSpan WebhookEventRetention { get; init; } = TimeSpan.FromDays(30);

    /// <summary>Outbox entries, and separately event ids, one run deletes at most; a larger backlog goes over several runs.</summary>
    public int PurgeLimit { get; init; } = 50_000;

    /// <summary>Every problem with these options, one a line; empty when they are usable.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (IdempotencyRetention <= TimeSpan.Zero || OutboxRetention < TimeSpan.Zero)
        {
            problems.Add($"IdempotencyRetention {IdempotencyRetention} must be positive and OutboxRetention {OutboxRetention} not negative.");
        }

        if (WebhookEventRetention < ProviderRetryWindow)
        {
            problems.Add($"WebhookEventRetention {WebhookEventRetention} must be at least {ProviderRetryWindow.TotalDays} days: Stripe retries an event that long, and a retry of a forgotten event would be handled again.");
        }

        if (PurgeLimit is < 1 or > 10_000_000)
        {
            problems.Add($"PurgeLimit {PurgeLimit} must be between 1 and 10000000.");
        }

        return problems;
    }
}
