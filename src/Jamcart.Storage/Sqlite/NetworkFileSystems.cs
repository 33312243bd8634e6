using System.Text;

namespace Jamcart.Storage.Sqlite;

/// <summary>
/// Keeps the SQLite database off network file systems. SQLite's locking relies on POSIX advisory locks, which NFS, SMB,
/// sshfs and 9p implement badly or not at all, and WAL needs memory shared between its processes: two hosts writing one
/// file there can corrupt it or both sell the last unit. SQLite is for one machine; several use PostgreSQL.
/// </summary>
internal static class NetworkFileSystems
{
    private const string MountInfoPath = "/proc/self/mountinfo";

    // File system types (as /proc/self/mountinfo names them) whose files live on another machine.
    private static readonly HashSet<string> NetworkTypes = new(StringComparer.Ordinal)
    {
        "nfs", "nfs4", "cifs", "smb3", "smbfs", "sshfs", "fuse.sshfs", "9p", "afs", "ncpfs", "coda",
        "ceph", "fuse.ceph", "glusterfs", "fuse.glusterfs", "lustre", "davfs", "fuse.davfs2",
        "fuse.rclone", "fuse.s3fs", "fuse.gcsfuse", "fuse.juicefs",
    };

    /// <summary>Refuses a database path that is a UNC path or lies on a network file system.</summary>
    /// <exception cref="ArgumentException">The path is on a network file system.</exception>
    public static void EnsureLocal(string path)
    {
        if (IsUncPath(path))
        {
            throw Refused(path, "a network share");
        }

        if (!File.Exists(MountInfoPath))
        {
            return;
        }

        if (FindNetworkType(ResolveLinks(Path.GetFullPath(path)), File.ReadLines(MountInfoPath)) is { } type)
        {
            throw Refused(path, $"a network file system ({type})");
        }
    }

    public static bool IsUncPath(string path) =>
        path.StartsWith(@"\\", StringComparison.Ordinal) || (OperatingSystem.IsWindows() && path.StartsWith("//", StringComparison.Ordinal));

    /// <summary>The type of the network file system holding <paramref name="fullPath"/>, or null when its mount is local.</summary>
    /// <param name="mountInfo">Lines in the format of <c>/proc/self/mountinfo</c> (see proc(5)).</param>
    public static string? FindNetworkType(string fullPath, IEnumerable<string> mountInfo)
    {
        string? bestMount = null;
        string? bestType = null;
        foreach (var line in mountInfo)
        {
            if (!TryParse(line, out var mountPoint, out var type) || !Contains(mountPoint, fullPath))
            {
                continue;
            }

            // The deepest mount point wins; of equal ones the later line, which is mounted over the earlier.
            if (bestMount is null || mountPoint.Length >= bestMount.Length)
            {
                bestMount = mountPoint;
                bestType = type;
            }
        }

        return bestType is not null && NetworkTypes.Contains(bestType) ? bestType : null;
    }

    /// <summary>Reads the mount point (field 5) and the file system type (the first field after the lone "-").</summary>
    public static bool TryParse(string line, out string mountPoint, out string type)
    {
        mountPoint = type = "";
        var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var separator = fields.Length > 6 ? Array.IndexOf(fields, "-", 6) : -1;
        if (separator < 0 || separator + 1 >= fields.Length)
        {
            return false;
        }

        mountPoint = Unescape(fields[4]);
        type = fields[separator + 1];
        return true;
    }

    // The kernel writes space, tab, newline and backslash in paths as three octal digits (\040).
    private static string Unescape(string field)
    {
        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var text = new StringBuilder(field.Length);
        for (var i = 0; i < field.Length; i++)
        {
            if (field[i] == '\\' && IsOctal(field, i + 1))
            {
                text.Append((char)Convert.ToInt32(field.Substring(i + 1, 3), 8));
                i += 3;
            }
            else
            {
                text.Append(field[i]);
            }
        }

        return text.ToString();
    }

    private static bool IsOctal(string text, int start) =>
        start + 3 <= text.Length && text.AsSpan(start, 3).IndexOfAnyExceptInRange('0', '7') < 0;

    private static bool Contains(string mountPoint, string path) =>
        mountPoint == "/"
        || string.Equals(path, mountPoint, StringComparison.Ordinal)
        || (path.StartsWith(mountPoint, StringComparison.Ordinal) && path[mountPoint.Length] == '/');

    /// <summary>The path with every symbolic link along it followed, so that a link into a network mount is seen as one.</summary>
    private static string ResolveLinks(string fullPath, int depth = 0)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        foreach (var part in fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            current = Path.Combine(current, part);
            var info = new FileInfo(current);
            if (depth < 40 && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = ResolveLinks(target.FullName, depth + 1);
            }
        }

        return current;
    }

    private static ArgumentException Refused(string path, string where) =>
        new($"The SQLite database '{path}' is on {where}. SQLite's locks are not reliable there and the file can be "
            + "corrupted or the same unit sold twice: keep the SQLite file on a local disk of the one machine that runs "
            + "Jamcart, or use PostgreSQL to run on several machines.");
}
