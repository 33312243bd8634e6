namespace Jamcart.Worker;

/// <summary>What the rebuild worker renders, where it publishes, and how it paces itself.</summary>
public sealed record RebuildWorkerOptions
{
    /// <summary>The store folder.</summary>
    public required string StoreRoot { get; init; }

    /// <summary>The built site: rendered into, then published from (it is the site itself when there is no target).</summary>
    public required string OutputRoot { get; init; }

    /// <summary>How often the outbox is read while nothing is pending.</summary>
    public TimeSpan PollInterval { get; init; } = TimeSpan.FromMilliseconds(100);

    /// <summary>How long to wait once work is seen, so that a burst of sales becomes one rebuild.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(25);

    /// <summary>The longest an entry waits for the debounce: a steady stream of sales still publishes this promptly.</summary>
    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromMilliseconds(250);

    /// <summary>Outbox entries taken at most per rebuild.</summary>
    public int BatchSize { get; init; } = 2000;

    /// <summary>How often a standby instance tries to become the active one.</summary>
    public TimeSpan LeaseRetry { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>The wait after a failed publish, doubled after each next failure up to <see cref="PublishRetryMax"/>.</summary>
    public TimeSpan PublishRetryFirst { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan PublishRetryMax { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The name of the lease that elects the one active worker of a store database.</summary>
    public string LeaseName { get; init; } = "jamcart-rebuild";

    /// <summary>Told about every rebuild (for tests, benchmarks and progress output); called on the worker's own loop.</summary>
    public Action<RebuildReport>? OnRebuild { get; init; }
}
