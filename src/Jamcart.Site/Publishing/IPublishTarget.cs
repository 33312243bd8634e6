namespace Jamcart.Site;

/// <summary>Where a built site goes live: a folder, an S3-compatible bucket, or the deploy hook of a host that builds.</summary>
public interface IPublishTarget
{
    /// <summary>What the target is, for messages and logs; never holds a secret.</summary>
    string Description { get; }

    /// <summary>
    /// Makes the target hold what the request's folder holds at the request's paths (every file when none are given):
    /// files whose bytes differ from what the target holds are written, paths missing from the folder are deleted,
    /// deletions last. Publishing the same folder again changes nothing.
    /// </summary>
    /// <exception cref="PublishException">The target could not be reached or refused a change; what it held is intact, and publishing again is safe.</exception>
    Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken);
}
