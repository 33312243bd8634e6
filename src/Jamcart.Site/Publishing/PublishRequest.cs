namespace Jamcart.Site;

/// <summary>What to publish: a built site's folder, and which of its paths (forward slashes, relative to it) may have changed.</summary>
/// <param name="Paths">The paths to look at, written or deleted since the last publish; null looks at the whole folder.</param>
public sealed record PublishRequest(string SourceRoot, IReadOnlyCollection<string>? Paths = null)
{
    /// <summary>Whether the whole folder is compared with the target (after a start, a failover, or by hand).</summary>
    public bool Everything => Paths is null;
}
