using System.Collections.Concurrent;

namespace Jamcart.Site;

/// <summary>The build's output folder: atomic writes, checks against the manifest, and removal of stale files.</summary>
internal sealed class OutputFolder(string root)
{
    private readonly ConcurrentDictionary<string, bool> _directories = new(StringComparer.Ordinal);

    public string Root => root;

    public string FullPath(string path) => Path.Combine(root, path);

    public void Write(string path, byte[] bytes)
    {
        var full = FullPath(path);
        var directory = Path.GetDirectoryName(full)!;
        // GetOrAdd publishes the key only after the factory returns, so no thread writes into a folder not yet made.
        _directories.GetOrAdd(directory, static d => Directory.CreateDirectory(d).Exists);

        AtomicFile.Write(full, bytes);
    }

    /// <summary>Whether the file is still what the manifest says was written (someone may have deleted or edited it).</summary>
    public bool Matches(string path, long length)
    {
        var info = new FileInfo(FullPath(path));
        return info.Exists && info.Length == length;
    }

    /// <summary>Whether every file is still there at the length given, checked in parallel; stops at the first that is not.</summary>
    public bool AllMatch(IReadOnlyList<(string Path, long Length)> files) =>
        Parallel.For(0, files.Count, (i, loop) =>
        {
            if (!Matches(files[i].Path, files[i].Length))
            {
                loop.Stop();
            }
        }).IsCompleted;

    /// <summary>Whether the file on disk has exactly the bytes of <paramref name="hash"/>.</summary>
    public bool Holds(string path, Hash128 hash)
    {
        var full = FullPath(path);
        return File.Exists(full) && InputHash.Of(File.ReadAllBytes(full)) == hash;
    }

    public void Delete(string path)
    {
        var full = FullPath(path);
        File.Delete(full);

        // Remove folders left empty, up to the output root.
        for (var directory = Path.GetDirectoryName(full); directory is not null && directory.Length > root.Length; directory = Path.GetDirectoryName(directory))
        {
            if (!Directory.Exists(directory) || Directory.EnumerateFileSystemEntries(directory).Any())
            {
                break;
            }

            Directory.Delete(directory);
        }
    }
}
