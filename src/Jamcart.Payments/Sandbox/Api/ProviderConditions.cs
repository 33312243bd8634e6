namespace Jamcart.Payments.Sandbox.Api;

/// <summary>The test switches that make the provider slow or down; read by every API request, set by tests at any time.</summary>
internal sealed class ProviderConditions
{
    private long _latencyTicks;
    private int _outage;

    public TimeSpan Latency
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref _latencyTicks));
        set => Interlocked.Exchange(ref _latencyTicks, value < TimeSpan.Zero ? 0 : value.Ticks);
    }

    public bool Outage
    {
        get => Volatile.Read(ref _outage) != 0;
        set => Volatile.Write(ref _outage, value ? 1 : 0);
    }
}
