using System.IO.Hashing;
using System.Text;

namespace Jamcart.Cli.BuildServer;

/// <summary>
/// Where the build server of one store and output folder listens: a Unix socket in a folder only this user can
/// enter, named for the folders and for this exact build of Jamcart (a new version never talks to an old server).
/// </summary>
internal static class BuildServerAddress
{
    /// <summary>Turns build servers on (<c>1</c>) or off (<c>0</c>); unset, they are on except under CI.</summary>
    public const string EnvironmentVariable = "JAMCART_BUILD_SERVER";

    private const string SocketSuffix = ".sock";

    /// <summary>
    /// Whether <c>jamcart build</c> may use and start a build server. Off under CI (<c>CI=true</c>, set by every CI
    /// service): a build there runs once, and a process left behind can keep a job from ending.
    /// </summary>
    public static bool Enabled(bool noServer)
    {
        if (noServer || !(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return false;
        }

        return Environment.GetEnvironmentVariable(EnvironmentVariable)?.Trim().ToLowerInvariant() switch
        {
            "0" or "false" or "off" or "no" => false,
            "1" or "true" or "on" or "yes" => true,
            _ => Environment.GetEnvironmentVariable("CI")?.Trim().ToLowerInvariant() is not ("true" or "1"),
        };
    }

    /// <summary>
    /// The folder holding this user's sockets, private to the user: <c>$XDG_RUNTIME_DIR/jamcart</c>, else
    /// <c>~/.cache/jamcart</c> (never a shared temporary folder, where someone else could make it first). Null when
    /// there is no such place.
    /// </summary>
    public static string? Folder()
    {
        if (!(OperatingSystem.IsLinux() || OperatingSystem.IsMacOS()))
        {
            return null;
        }

        var runtime = Environment.GetEnvironmentVariable("XDG_RUNTIME_DIR");
        var cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME");
        var home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        var folder = Path.IsPathRooted(runtime) && Directory.Exists(runtime) ? Path.Combine(runtime, "jamcart")
            : Path.IsPathRooted(cache) ? Path.Combine(cache, "jamcart")
            : Path.IsPathRooted(home) ? Path.Combine(home, ".cache", "jamcart")
            : null;
        // A Unix socket's path has at most 107 bytes.
        if (folder is null || Encoding.UTF8.GetByteCount(folder) > 70)
        {
            return null;
        }

        try
        {
            const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
            Directory.CreateDirectory(folder, Private);
            // Made private even if it existed: only its owner (or root) may change its mode, anyone else fails here.
            File.SetUnixFileMode(folder, Private);
            return folder;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>The socket of the server for this store and output folder, in <paramref name="folder"/>.</summary>
    public static string SocketOf(string folder, string storeRoot, string outputRoot)
    {
        var key = new List<byte>(Version());
        foreach (var path in new[] { Path.GetFullPath(storeRoot), Path.GetFullPath(outputRoot) })
        {
            key.AddRange(Encoding.UTF8.GetBytes(path));
            key.Add(0);
        }

        return Path.Combine(folder, $"build-{XxHash64.HashToUInt64(key.ToArray()):x16}{SocketSuffix}");
    }

    /// <summary>Every socket in <paramref name="folder"/>, whichever store it serves.</summary>
    public static IEnumerable<string> AllSockets(string folder) =>
        Directory.Exists(folder) ? Directory.EnumerateFiles(folder, "build-*" + SocketSuffix) : [];

    /// <summary>Where a server started for <paramref name="socket"/> writes what it has to say.</summary>
    public static string LogOf(string socket) => Path.ChangeExtension(socket, ".log");

    private static byte[] Version() =>
        [.. typeof(BuildServerAddress).Assembly.ManifestModule.ModuleVersionId.ToByteArray(), .. typeof(Site.SiteBuilder).Assembly.ManifestModule.ModuleVersionId.ToByteArray()];
}
