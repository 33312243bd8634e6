using Jamcart.Checkout.Storage;

namespace Jamcart.Storage.Leases;

/// <summary>
/// A lease for SQLite, whose store lives on one machine but may be served by several processes there: an exclusive
/// lock on a file beside the database (<c>store.db.rebuild.lease</c>). The operating system holds it for the open
/// file, so a process that dies gives it up at once, like a PostgreSQL session's advisory lock; two instances in one
/// process exclude each other too.
/// </summary>
/// <remarks>
/// .NET takes the lock with <c>flock</c> on Linux and macOS and as a share mode on Windows. The file is never deleted:
/// removing a lock file while another process waits to open it would let two hold locks on two different files.
/// </remarks>
internal sealed class FileLockLease(string path) : IWorkerLease
{
    private readonly Lock _gate = new();
    private FileStream? _held;

    /// <summary>The lock file of the lease <paramref name="name"/> on the database file <paramref name="databasePath"/>.</summary>
    public static string PathFor(string databasePath, string name) =>
        Path.GetFullPath(databasePath) + "." + string.Concat(name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' ? c : '-')) + ".lease";

    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_held is null)
            {
                try
                {
                    _held = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                }
                catch (IOException)
                {
                    // Another process, or another instance here, holds it.
                }
            }

            return Task.FromResult(_held is not null);
        }
    }

    public Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_held is not null);
        }
    }

    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            _held?.Dispose();
            _held = null;
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync(CancellationToken.None));
}
