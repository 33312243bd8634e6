namespace Jamcart.Site;

/// <summary>What a publish changed at its target.</summary>
/// <param name="Written">Paths written, new or changed, in the order they were written.</param>
/// <param name="Deleted">Paths deleted, after every write.</param>
/// <param name="Unchanged">Paths looked at whose bytes the target already held.</param>
public sealed record PublishResult(IReadOnlyList<string> Written, IReadOnlyList<string> Deleted, int Unchanged, TimeSpan Elapsed)
{
    /// <summary>Every path written or deleted, sorted: what a CDN must forget.</summary>
    public IReadOnlyList<string> ChangedPaths => [.. Written.Concat(Deleted).Order(StringComparer.Ordinal)];

    public static PublishResult Nothing(TimeSpan elapsed) => new([], [], 0, elapsed);
}
