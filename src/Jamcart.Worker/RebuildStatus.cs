namespace Jamcart.Worker;

/// <summary>How the worker is doing, for health output and tests.</summary>
public sealed record RebuildStatus(bool Active, long Rebuilds, long Renders, long Publishes, string? LastError)
{
    public static RebuildStatus Standby { get; } = new(false, 0, 0, 0, null);
}
