namespace Jamcart.Bench.Scale;

/// <summary>When the run killed what, for the audit's takeover and reconciliation times.</summary>
internal sealed class ChaosTimes
{
    public DateTimeOffset? InstanceKilledAt { get; set; }

    public DateTimeOffset? WorkerKilledAt { get; set; }
}
