namespace Jamcart.Bench.Scale;

/// <summary>One functions host process of the run, its address, and how many requests the buyers sent it.</summary>
internal sealed class FunctionsInstance(int index, ChildProcess process, Uri address)
{
    private long _requests;

    public int Index => index;

    public ChildProcess Process => process;

    public Uri Address => address;

    public bool Alive => process.KilledAt is null && !process.HasExited;

    public long Requests => Interlocked.Read(ref _requests);

    public void Counted() => Interlocked.Increment(ref _requests);
}
