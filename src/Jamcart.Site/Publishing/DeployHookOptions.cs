namespace Jamcart.Site;

/// <summary>How a deploy hook is called: how often at most, and how failures are retried.</summary>
public sealed record DeployHookOptions
{
    /// <summary>The least time between two calls: a host's build takes minutes, and changes meanwhile wait for one call.</summary>
    public TimeSpan MinInterval { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Calls made for one publish before it fails.</summary>
    public int MaxAttempts { get; init; } = 5;

    /// <summary>The wait after the first failure, doubled after each next one up to <see cref="MaxDelay"/>.</summary>
    public TimeSpan FirstDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(30);
}
