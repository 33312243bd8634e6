namespace Jamcart.Cli.Dev;

/// <summary>
/// Watches a store folder and signals a rebuild once edits settle: editors write a file in several steps,
/// and one rebuild per burst is enough.
/// </summary>
internal sealed class StoreWatcher : IDisposable
{
    private static readonly TimeSpan Settle = TimeSpan.FromMilliseconds(120);
    private static readonly string[] Watched = ["jamcart.yml", "products", "pages", "templates", "assets", "i18n"];

    private readonly FileSystemWatcher _watcher;
    private readonly Timer _timer;

    public StoreWatcher(string root, Action changed)
    {
        _timer = new Timer(_ => changed(), null, Timeout.Infinite, Timeout.Infinite);
        _watcher = new FileSystemWatcher(root) { IncludeSubdirectories = true, NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size };
        _watcher.Changed += (_, e) => OnEvent(root, e.FullPath);
        _watcher.Created += (_, e) => OnEvent(root, e.FullPath);
        _watcher.Deleted += (_, e) => OnEvent(root, e.FullPath);
        _watcher.Renamed += (_, e) => OnEvent(root, e.FullPath);
        _watcher.EnableRaisingEvents = true;
    }

    private void OnEvent(string root, string path)
    {
        var relative = Path.GetRelativePath(root, path);
        var top = relative.Split(Path.DirectorySeparatorChar)[0];

        // The output folder and database live inside the store too: their writes are not edits.
        if (Watched.Contains(top, StringComparer.Ordinal) && !Path.GetFileName(path).StartsWith('.'))
        {
            _timer.Change(Settle, Timeout.InfiniteTimeSpan);
        }
    }

    public void Dispose()
    {
        _watcher.Dispose();
        _timer.Dispose();
    }
}
