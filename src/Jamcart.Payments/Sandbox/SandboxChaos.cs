using System.Globalization;

namespace Jamcart.Payments.Sandbox;

/// <summary>
/// Test switch for webhook deliveries as real providers make them: some sent twice, some late, some out of order.
/// The same <see cref="Seed"/> gives the same choices.
/// </summary>
public sealed class SandboxChaos
{
    /// <summary>The share of events (0 to 1) delivered a second time.</summary>
    public double DuplicateRate { get; set; }

    /// <summary>The share of deliveries (0 to 1) held back by up to <see cref="MaxDelay"/>.</summary>
    public double DelayRate { get; set; }

    public TimeSpan MaxDelay { get; set; }

    /// <summary>Shuffle each batch of pending deliveries instead of sending them oldest first.</summary>
    public bool Reorder { get; set; }

    /// <summary>Seed for the random choices; random each run when null.</summary>
    public int? Seed { get; set; }

    internal IEnumerable<string> Problems()
    {
        if (DuplicateRate is < 0 or > 1 || double.IsNaN(DuplicateRate))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Chaos.DuplicateRate {DuplicateRate} must be between 0 and 1.");
        }

        if (DelayRate is < 0 or > 1 || double.IsNaN(DelayRate))
        {
            yield return string.Create(CultureInfo.InvariantCulture, $"Chaos.DelayRate {DelayRate} must be between 0 and 1.");
        }

        if (MaxDelay < TimeSpan.Zero)
        {
            yield return "Chaos.MaxDelay must not be negative.";
        }
    }

    internal SandboxChaos Copy() => new()
    {
        DuplicateRate = DuplicateRate,
        DelayRate = DelayRate,
        MaxDelay = MaxDelay,
        Reorder = Reorder,
        Seed = Seed,
    };
}
