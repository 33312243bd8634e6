using System.Diagnostics;

namespace Jamcart.Site;

/// <summary>
/// A target that keeps a manifest of what it holds, so a publish uploads only files whose content hash differs and
/// never lists the target. Writes go first (assets before the pages that reference them), deletions last (I7), then
/// the CDN invalidation, and the manifest only once all of that succeeded: a publish that fails half-way is done
/// again in full by the next one.
/// </summary>
public abstract class ManifestPublishTarget(InvalidationCommand? invalidation, string basePath) : IPublishTarget
{
    private PublishManifest? _manifest;

    public abstract string Description { get; }

    /// <summary>How many files are written or deleted at once.</summary>
    protected virtual int Parallelism => 8;

    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return await PublishCoreAsync(request, cancellationToken);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new PublishException($"Publishing to {Description} failed: {e.Message}", e);
        }
    }

    private async Task<PublishResult> PublishCoreAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var source = Path.GetFullPath(request.SourceRoot);
        CheckSource(source);

        // A whole-folder publish reads the manifest again: another publisher may have written since (a failover).
        if (_manifest is null || request.Everything)
        {
            _manifest = PublishManifest.Parse(await ReadManifestAsync(cancellationToken));
        }

        var manifest = _manifest.Copy();
        var candidates = request.Paths?.Select(Normalize) ?? SourceFiles(source).Concat(manifest.Paths);
        var writes = new List<string>();
        var deletes = new List<string>();
        var unchanged = 0;
        foreach (var path in candidates.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
        {
            var full = Path.Combine(source, path);
            if (File.Exists(full))
            {
                if (manifest.Holds(path, PublishManifest.HashOf(await File.ReadAllBytesAsync(full, cancellationToken))))
                {
                    unchanged++;
                }
                else
                {
                    writes.Add(path);
                }
            }
            else if (manifest.Contains(path))
            {
                deletes.Add(path);
            }
        }

        if (writes.Count == 0 && deletes.Count == 0)
        {
            return new PublishResult([], [], unchanged, clock.Elapsed);
        }

        // Assets first, so no page or catalog points at a file the target does not hold yet.
        var ordered = writes.Where(IsAsset).Concat(writes.Where(p => !IsAsset(p))).ToList();
        await ForEachAsync(ordered.Where(IsAsset), WriteOneAsync, cancellationToken);
        await ForEachAsync(ordered.Where(p => !IsAsset(p)), WriteOneAsync, cancellationToken);
        await ForEachAsync(deletes, async (path, ct) =>
        {
            await DeleteAsync(path, ct);
            lock (manifest)
            {
                manifest.Remove(path);
            }
        }, cancellationToken);

        var result = new PublishResult(ordered, deletes, unchanged, TimeSpan.Zero);
        if (invalidation is not null)
        {
            await invalidation.RunAsync(CdnPaths.Of(result.ChangedPaths, basePath), cancellationToken);
        }

        await WriteManifestAsync(manifest.ToBytes(), cancellationToken);
        _manifest = manifest;
        return result with { Elapsed = clock.Elapsed };

        async ValueTask WriteOneAsync(string path, CancellationToken ct)
        {
            // Read again: the hash recorded is the hash of the bytes sent.
            var bytes = await File.ReadAllBytesAsync(Path.Combine(source, path), ct);
            await WriteAsync(path, bytes, ContentTypes.Of(path), CachePolicy.Of(path), ct);
            lock (manifest)
            {
                manifest.Set(path, PublishManifest.HashOf(bytes));
            }
        }
    }

    /// <summary>Refuses a source the target cannot publish from (itself).</summary>
    protected virtual void CheckSource(string sourceRoot)
    {
    }

    /// <summary>The manifest's bytes as the target holds them, or null when it holds none.</summary>
    protected abstract Task<byte[]?> ReadManifestAsync(CancellationToken cancellationToken);

    protected abstract Task WriteManifestAsync(byte[] bytes, CancellationToken cancellationToken);

    /// <summary>Writes one file so that readers see the old bytes or the new ones, never a mix.</summary>
    protected abstract Task WriteAsync(string path, byte[] bytes, string contentType, string cacheControl, CancellationToken cancellationToken);

    /// <summary>Deletes one file; deleting a file the target does not hold succeeds.</summary>
    protected abstract Task DeleteAsync(string path, CancellationToken cancellationToken);

    private Task ForEachAsync(IEnumerable<string> paths, Func<string, CancellationToken, ValueTask> action, CancellationToken cancellationToken) =>
        Parallel.ForEachAsync(paths, new ParallelOptions { MaxDegreeOfParallelism = Parallelism, CancellationToken = cancellationToken }, action);

    private static bool IsAsset(string path) => path.StartsWith("assets/", StringComparison.Ordinal);

    /// <summary>Every file of the built site, but the temporary files of writes under way.</summary>
    private static IEnumerable<string> SourceFiles(string source)
    {
        if (!Directory.Exists(source))
        {
            throw new PublishException($"There is no built site at {source}: build it first.");
        }

        return Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories)
            .Where(file => !IsTemporary(Path.GetFileName(file)))
            .Select(file => Path.GetRelativePath(source, file).Replace(Path.DirectorySeparatorChar, '/'));
    }

    private static bool IsTemporary(string name) => name.StartsWith('.') && name.EndsWith(".tmp", StringComparison.Ordinal);

    private static string Normalize(string path)
    {
        var normalized = path.Replace('\\', '/').TrimStart('/');
        if (normalized.Length == 0 || normalized.Split('/').Any(segment => segment is "" or "." or ".."))
        {
            throw new ArgumentException($"'{path}' is not a path inside the site.", nameof(path));
        }

        return normalized;
    }
}
