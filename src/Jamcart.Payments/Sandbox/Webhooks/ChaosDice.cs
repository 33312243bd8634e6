namespace Jamcart.Payments.Sandbox.Webhooks;

/// <summary>
/// The random choices of <see cref="SandboxChaos"/>: which deliveries to duplicate, delay or shuffle. A seeded
/// pseudo-random generator on purpose (not <c>RandomNumberGenerator</c>), so a test with a seed sees the same chaos
/// every run.
/// </summary>
internal sealed class ChaosDice(SandboxChaos chaos)
{
    private readonly Lock _gate = new();
#pragma warning disable CA5394 // Test chaos, not security: it must be repeatable from a seed.
    private readonly Random _random = chaos.Seed is { } seed ? new Random(seed) : new Random();

    public bool Duplicate() => Roll(chaos.DuplicateRate);

    /// <summary>How late to deliver: zero, or (at <see cref="SandboxChaos.DelayRate"/>) up to <see cref="SandboxChaos.MaxDelay"/>.</summary>
    public TimeSpan Delay()
    {
        if (chaos.MaxDelay <= TimeSpan.Zero || !Roll(chaos.DelayRate))
        {
            return TimeSpan.Zero;
        }

        lock (_gate)
        {
            return chaos.MaxDelay * _random.NextDouble();
        }
    }

    public void Shuffle<T>(List<T> items)
    {
        if (!chaos.Reorder)
        {
            return;
        }

        lock (_gate)
        {
            for (var i = items.Count - 1; i > 0; i--)
            {
                var j = _random.Next(i + 1);
                (items[i], items[j]) = (items[j], items[i]);
            }
        }
    }

    private bool Roll(double rate)
    {
        if (rate <= 0)
        {
            return false;
        }

        lock (_gate)
        {
            return _random.NextDouble() < rate;
        }
    }
#pragma warning restore CA5394
}
