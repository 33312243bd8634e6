using System.Diagnostics;

namespace Jamcart.Site;

/// <summary>
/// Lets a one-shot build prove that nothing changed without loading the store: the size and modification time of
/// every input file, the size and time of the manifest, and the length of every output, as a completed build left
/// them. When all of them still hold, the build's result is the previous one's (its warnings included) and nothing
/// is read or written, as make and ninja do with file times.
/// </summary>
/// <remarks>
/// Only for builds whose availability comes from the products' front matter: stock from a database can change with
/// no file changing. Every render deletes the snapshot before it writes anything, so a build that stops half way,
/// or the warm engine of <c>jamcart dev</c> and the rebuild worker, never leave one that vouches for files it did not see.
/// A file modified in the two seconds before the stamps were taken is not vouched for: file times are coarser than
/// the time between two writes (git's "racily clean" entries), so such a build saves no snapshot.
/// </remarks>
internal sealed class BuildSnapshot
{
    private const int FormatVersion = 2;
    private const string FileName = "snapshot.bin";

    private readonly string _outputRoot;
    private readonly InputStamps _inputs;

    private BuildSnapshot(string outputRoot, InputStamps inputs)
    {
        _outputRoot = outputRoot;
        _inputs = inputs;
    }

    /// <summary>Whether a build with these options may be answered from a snapshot.</summary>
    public static bool Applies(BuildOptions options) =>
        options.Stock is null && options.CatalogSync?.ConfiguredOutsideStore != true;

    /// <summary>Stamps every input of the store now, before the build reads any of them.</summary>
    public static BuildSnapshot Take(BuildOptions options) =>
        new(Path.GetFullPath(options.OutputRoot), InputStamps.Take(options.StoreRoot));

    /// <summary>The previous build's result when the snapshot it saved still holds for every input and output; otherwise null.</summary>
    public BuildResult? TryReuse(Hash128 engine)
    {
        var clock = Stopwatch.StartNew();
        var path = PathOf(_outputRoot);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using var reader = new BinaryReader(new MemoryStream(File.ReadAllBytes(path)));
            if (reader.ReadInt32() != FormatVersion || new Hash128(reader.ReadUInt64(), reader.ReadUInt64()) != engine
                || reader.ReadString() != _inputs.Root
                || (reader.ReadInt64(), reader.ReadInt64()) != InputStamps.StampOf(BuildManifest.PathOf(_outputRoot))
                || reader.ReadInt32() != _inputs.Paths.Count)
            {
                return null;
            }

            for (var i = 0; i < _inputs.Paths.Count; i++)
            {
                if (reader.ReadString() != _inputs.Paths[i] || (reader.ReadInt64(), reader.ReadInt64()) != _inputs.Stamps[i])
                {
                    return null;
                }
            }

            var outputs = new (string Path, long Length)[reader.ReadInt32()];
            for (var i = 0; i < outputs.Length; i++)
            {
                outputs[i] = (reader.ReadString(), reader.ReadInt64());
            }

            var warnings = new Diagnostic[reader.ReadInt32()];
            for (var i = 0; i < warnings.Length; i++)
            {
                warnings[i] = Diagnostic.Read(reader);
            }

            // Someone may have deleted or truncated a published file: then the full build puts it back.
            var intact = new OutputFolder(_outputRoot).AllMatch(outputs);
            return intact
                ? new BuildResult(warnings, outputs.Length, 0, 0, 0, [], clock.Elapsed) { Timings = [("up to date", clock.Elapsed)] }
                : null;
        }
        catch (Exception e) when (e is EndOfStreamException or IOException or ArgumentException)
        {
            // A damaged snapshot only costs a full incremental build.
            return null;
        }
    }

    /// <summary>Saves the snapshot of a build that succeeded, unless an input changed too recently to be vouched for.</summary>
    /// <param name="site">What the build loaded: a snapshot is only saved when its stock came from the front matter.</param>
    public void Save(BuildResult result, LoadedSite? site, BuildManifest? manifest)
    {
        var manifestStamp = InputStamps.StampOf(BuildManifest.PathOf(_outputRoot));
        if (!result.Succeeded || site?.Stock is not FrontMatterStock || manifest is null || manifestStamp.Size < 0 || _inputs.AnyRacy)
        {
            return;
        }

        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer))
        {
            writer.Write(FormatVersion);
            writer.Write(SiteBuilder.Engine.High);
            writer.Write(SiteBuilder.Engine.Low);
            writer.Write(_inputs.Root);
            writer.Write(manifestStamp.Size);
            writer.Write(manifestStamp.Modified);
            writer.Write(_inputs.Paths.Count);
            for (var i = 0; i < _inputs.Paths.Count; i++)
            {
                writer.Write(_inputs.Paths[i]);
                writer.Write(_inputs.Stamps[i].Size);
                writer.Write(_inputs.Stamps[i].Modified);
            }

            writer.Write(manifest.Entries.Count);
            foreach (var (path, entry) in manifest.Entries)
            {
                writer.Write(path);
                writer.Write(entry.Length);
            }

            var warnings = result.Diagnostics.Where(d => d.Severity == Severity.Warning).ToList();
            writer.Write(warnings.Count);
            foreach (var warning in warnings)
            {
                warning.Write(writer);
            }
        }

        AtomicFile.Write(PathOf(_outputRoot), buffer.ToArray());
    }

    /// <summary>Removes the snapshot of <paramref name="outputRoot"/>: called before anything in the folder changes.</summary>
    public static void Invalidate(string outputRoot)
    {
        var path = PathOf(outputRoot);
        if (File.Exists(path))
        {
            File.Delete(path);
        }
    }

    private static string PathOf(string outputRoot) => Path.Combine(BuildManifest.SidecarOf(outputRoot), FileName);

}
