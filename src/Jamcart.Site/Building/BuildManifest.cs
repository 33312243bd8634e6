namespace Jamcart.Site;

/// <summary>
/// What the previous build wrote: for every output, the hash of its inputs, the assets it referenced, the hash of
/// its bytes and when those bytes last changed. Kept in a sidecar folder next to the output, never among the
/// published files.
/// </summary>
internal sealed class BuildManifest
{
    private const int FormatVersion = 4;

    public Dictionary<string, ManifestEntry> Entries { get; } = new(StringComparer.Ordinal);

    /// <summary>Hashes of store template texts that parsed, so an unchanged template is not parsed just to validate it.</summary>
    public HashSet<Hash128> ParsedTemplates { get; } = [];

    /// <summary>The sidecar of <paramref name="outputRoot"/>: a hidden sibling folder, so publishing the output never ships it.</summary>
    public static string SidecarOf(string outputRoot)
    {
        var full = Path.GetFullPath(outputRoot).TrimEnd(Path.DirectorySeparatorChar);
        return Path.Combine(Path.GetDirectoryName(full) ?? full, $".{Path.GetFileName(full)}.jamcart");
    }

    /// <summary>Where the manifest of <paramref name="outputRoot"/> is kept.</summary>
    public static string PathOf(string outputRoot) => Path.Combine(SidecarOf(outputRoot), "manifest.bin");

    public static BuildManifest Load(string outputRoot, Hash128 engine)
    {
        var manifest = new BuildManifest();
        var path = PathOf(outputRoot);
        if (!File.Exists(path))
        {
            return manifest;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(File.ReadAllBytes(path)));
            if (reader.ReadInt32() != FormatVersion || Read128(reader) != engine)
            {
                // Another version of Jamcart rendered these files: trust none of it.
                return manifest;
            }

            var templates = reader.ReadInt32();
            for (var i = 0; i < templates; i++)
            {
                manifest.ParsedTemplates.Add(Read128(reader));
            }

            // Pages share a few dependencies (the theme's files): they are stored once and referred to by number.
            var names = new string[reader.ReadInt32()];
            for (var i = 0; i < names.Length; i++)
            {
                names[i] = reader.ReadString();
            }

            var count = reader.ReadInt32();
            manifest.Entries.EnsureCapacity(count);
            for (var i = 0; i < count; i++)
            {
                var key = reader.ReadString();
                var inputHash = Read128(reader);
                var depsHash = Read128(reader);
                var deps = new string[reader.ReadInt32()];
                for (var d = 0; d < deps.Length; d++)
                {
                    deps[d] = names[reader.ReadInt32()];
                }

                var outputHash = Read128(reader);
                var length = reader.ReadInt64();
                var changedAt = reader.ReadInt64();
                manifest.Entries[key] = new ManifestEntry(inputHash, depsHash, deps, outputHash, length, changedAt);
            }
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or IndexOutOfRangeException)
        {
            // A damaged manifest only costs a full build.
            manifest.Entries.Clear();
            manifest.ParsedTemplates.Clear();
        }

        return manifest;
    }

    public void Save(string outputRoot, Hash128 engine)
    {
        var sidecar = SidecarOf(outputRoot);
        Directory.CreateDirectory(sidecar);
        using var buffer = new MemoryStream(Entries.Count * 96);
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            Write128(writer, engine);
            writer.Write(ParsedTemplates.Count);
            foreach (var template in ParsedTemplates.Order())
            {
                Write128(writer, template);
            }

            var names = Entries.Values.SelectMany(e => e.Dependencies).Distinct(StringComparer.Ordinal).ToList();
            var numbers = names.Select((name, i) => (name, i)).ToDictionary(p => p.name, p => p.i, StringComparer.Ordinal);
            writer.Write(names.Count);
            foreach (var name in names)
            {
                writer.Write(name);
            }

            writer.Write(Entries.Count);
            // Unsorted: the manifest is read into a dictionary, and sorting 100,000 paths is a visible share of a small rebuild.
            foreach (var (key, entry) in Entries)
            {
                writer.Write(key);
                Write128(writer, entry.InputHash);
                Write128(writer, entry.DependencyHash);
                writer.Write(entry.Dependencies.Count);
                foreach (var dependency in entry.Dependencies)
                {
                    writer.Write(numbers[dependency]);
                }

                Write128(writer, entry.OutputHash);
                writer.Write(entry.Length);
                writer.Write(entry.ChangedAt);
            }
        }

        AtomicFile.Write(PathOf(outputRoot), buffer.ToArray());
    }

    private static Hash128 Read128(BinaryReader reader)
    {
        var low = reader.ReadUInt64();
        var high = reader.ReadUInt64();
        return new Hash128(high, low);
    }

    private static void Write128(BinaryWriter writer, Hash128 value)
    {
        writer.Write(value.Low);
        writer.Write(value.High);
    }
}

/// <summary>One output of the previous build.</summary>
/// <param name="ChangedAt">
/// When the output's bytes last changed, in Unix seconds, as the build that changed them was told
/// (<see cref="BuildOptions.ChangeClock"/>); 0 when unknown. It is the sitemap's <c>lastmod</c>.
/// </param>
internal sealed record ManifestEntry(Hash128 InputHash, Hash128 DependencyHash, IReadOnlyList<string> Dependencies, Hash128 OutputHash, long Length, long ChangedAt = 0);
