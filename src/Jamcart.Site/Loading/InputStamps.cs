namespace Jamcart.Site;

/// <summary>
/// The size and modification time of every input file of a store at one moment, taken before a build reads any of
/// them, so that a later set tells which files changed since without reading them.
/// </summary>
/// <remarks>
/// File times are coarser than the time between two writes: a file written twice within one tick, at the same size,
/// keeps its stamp. A file modified in the <see cref="RacyWindow"/> before its stamp was taken is therefore also
/// hashed, and compared by content later (git's "racily clean" entries).
/// </remarks>
internal sealed class InputStamps
{
    public static readonly long RacyWindow = TimeSpan.FromSeconds(2).Ticks;

    private readonly Hash128?[] _racyHashes;

    private InputStamps(string root, long takenAt, List<string> paths, (long, long)[] stamps, Hash128?[] racyHashes)
    {
        Root = root;
        TakenAt = takenAt;
        Paths = paths;
        Stamps = stamps;
        _racyHashes = racyHashes;
    }

    public string Root { get; }

    /// <summary>When the stamps were taken, in UTC ticks.</summary>
    public long TakenAt { get; }

    /// <summary>Full paths of the inputs, in the order <see cref="StoreFiles.Inputs"/> lists them.</summary>
    public IReadOnlyList<string> Paths { get; }

    /// <summary>Size and last write time (UTC ticks) of each input; size −1 for a file that vanished meanwhile.</summary>
    public IReadOnlyList<(long Size, long Modified)> Stamps { get; }

    /// <summary>Whether an input was modified too shortly before the stamps were taken for its time to vouch for it.</summary>
    public bool AnyRacy => _racyHashes.Any(h => h is not null);

    public static InputStamps Take(string root)
    {
        root = Path.GetFullPath(root);
        var takenAt = DateTime.UtcNow.Ticks;
        var paths = Directory.Exists(root) ? StoreFiles.Inputs(root) : [];
        var stamps = new (long, long)[paths.Count];
        var hashes = new Hash128?[paths.Count];
        Parallel.For(0, paths.Count, i =>
        {
            stamps[i] = StampOf(paths[i]);
            if (stamps[i].Item2 >= takenAt - RacyWindow)
            {
                hashes[i] = HashOf(paths[i]);
            }
        });
        return new InputStamps(root, takenAt, paths, stamps, hashes);
    }

    /// <summary>
    /// The store-relative paths (forward slashes) of the inputs whose content may differ from <paramref name="earlier"/>;
    /// null when the set of inputs itself changed (a file added, removed or renamed).
    /// </summary>
    public List<string>? ChangedSince(InputStamps earlier)
    {
        if (earlier.Root != Root || !earlier.Paths.SequenceEqual(Paths, StringComparer.Ordinal))
        {
            return null;
        }

        var changed = new List<string>();
        for (var i = 0; i < Paths.Count; i++)
        {
            var same = Stamps[i] == earlier.Stamps[i]
                && (earlier._racyHashes[i] is not { } then || (_racyHashes[i] ?? HashOf(Paths[i])) == then);
            if (!same)
            {
                changed.Add(Path.GetRelativePath(Root, Paths[i]).Replace(Path.DirectorySeparatorChar, '/'));
            }
        }

        return changed;
    }

    public static (long Size, long Modified) StampOf(string path)
    {
        var file = new FileInfo(path);
        return file.Exists ? (file.Length, file.LastWriteTimeUtc.Ticks) : (-1, 0);
    }

    private static Hash128? HashOf(string path)
    {
        try
        {
            return Hash128.Of(File.ReadAllBytes(path));
        }
        catch (IOException)
        {
            // Gone between the listing and the read: its stamp says so already.
            return Hash128.Zero;
        }
    }
}
