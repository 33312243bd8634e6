namespace Jamcart.Site;

/// <summary>
/// Publishes to a folder another server serves: each file written atomically (a temporary file renamed over it in
/// the same folder), removed pages deleted once the new ones are in place. Its manifest is kept in the folder's
/// sidecar (<c>.&lt;folder&gt;.jamcart/publish.json</c>), never among the served files.
/// </summary>
public sealed class FolderTarget(string root, InvalidationCommand? invalidation = null, string basePath = "")
    : ManifestPublishTarget(invalidation, basePath)
{
    private readonly OutputFolder _folder = new(Path.GetFullPath(root));

    public override string Description => $"folder {_folder.Root}";

    protected override int Parallelism => 4;

    private string ManifestPath => Path.Combine(BuildManifest.SidecarOf(_folder.Root), "publish.json");

    protected override void CheckSource(string sourceRoot)
    {
        if (string.Equals(Path.TrimEndingDirectorySeparator(sourceRoot), Path.TrimEndingDirectorySeparator(_folder.Root), StringComparison.Ordinal))
        {
            throw new ArgumentException($"{_folder.Root} is the built site itself: publish it to another folder.", nameof(sourceRoot));
        }
    }

    protected override async Task<byte[]?> ReadManifestAsync(CancellationToken cancellationToken) =>
        File.Exists(ManifestPath) ? await File.ReadAllBytesAsync(ManifestPath, cancellationToken) : null;

    protected override Task WriteManifestAsync(byte[] bytes, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ManifestPath)!);
        AtomicFile.Write(ManifestPath, bytes);
        return Task.CompletedTask;
    }

    protected override Task WriteAsync(string path, byte[] bytes, string contentType, string cacheControl, CancellationToken cancellationToken)
    {
        _folder.Write(path, bytes);
        return Task.CompletedTask;
    }

    protected override Task DeleteAsync(string path, CancellationToken cancellationToken)
    {
        _folder.Delete(path);
        return Task.CompletedTask;
    }
}
