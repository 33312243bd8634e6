using System.Data.Common;

using Jamcart.Storage.Logging;

using Microsoft.Extensions.Logging;

namespace Jamcart.Storage.Sqlite;

/// <summary>
/// Copies the write-ahead log back into the database file on a thread of its own, shortly after writes were committed,
/// so that no writer has to.
/// </summary>
/// <remarks>
/// <para>
/// Left to SQLite, the commit that takes the log past <c>wal_autocheckpoint</c> pages runs the checkpoint itself: it
/// copies every page of the log into the file and syncs both while holding the one writer's turn, so every checkout
/// queued behind it waits. Under checkout load that was a stall of 30–50 ms a few times a second and set the p99
/// (43.9 ms at 16 connections; 23.6 ms with no checkpoints at all). A passive checkpoint runs beside writers and
/// readers without taking a lock either waits for; run every <see cref="Interval"/> while writes come in, it finds
/// only the pages changed since the last one (the same few pages of stock and indexes over and over), and the log
/// starts again from its beginning instead of growing. The writer's own automatic checkpoint stays as the fallback
/// should this thread fall behind.
/// </para>
/// <para>
/// The interval sets the tail all the same: while a checkpoint copies and syncs, the file system holds up the
/// writer's own writes to the log for a while, in proportion to what the checkpoint copies (with the database on a
/// memory file system, where syncs cost nothing, the database's p99 halved). At the benchmark's 32 connections on
/// two cores, with nothing else changed, the database's p99 per checkout was 37–43 ms with a checkpoint every 300 ms,
/// 28–32 ms every 100 ms, 21–24 ms every 25 ms and 15–16 ms every 10 ms, at the same throughput and CPU; every 2 ms
/// the syncs began to cost CPU and throughput (docs/benchmarks.md, "Checkout throughput").
/// </para>
/// <para>
/// A thread rather than the thread pool: the checkpoint's two syncs block for milliseconds, which would hold up a pool
/// thread of a two-core machine that is busy answering requests.
/// </para>
/// </remarks>
internal sealed class SqliteCheckpointer : IDisposable
{
    /// <summary>The longest time between a commit and the checkpoint that copies it (and the shortest between two).</summary>
    internal static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(10);

    private readonly Func<CancellationToken, Task<OpenSqliteConnection>> _open;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _committed = new(0, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Thread? _thread;

    public SqliteCheckpointer(Func<CancellationToken, Task<OpenSqliteConnection>> open, ILogger logger)
    {
        _open = open;
        _logger = logger;
    }

    /// <summary>Says that the writer committed: a checkpoint follows within <see cref="Interval"/>.</summary>
    public void Committed()
    {
        if (_stopping.IsCancellationRequested)
        {
            // A write that was still running when the database was disposed: SQLite checkpoints as the file closes.
            return;
        }

        if (_thread is null)
        {
            // Started by the first commit: a database only read (or opened and closed at once) never needs one.
            var thread = new Thread(Run) { IsBackground = true, Name = "SQLite checkpoints" };
            if (Interlocked.CompareExchange(ref _thread, thread, null) is null)
            {
                thread.Start();
            }
        }

        if (_committed.CurrentCount == 0)
        {
            try
            {
                _committed.Release();
            }
            catch (SemaphoreFullException)
            {
                // Another commit signalled first: one checkpoint covers both.
            }
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        Volatile.Read(ref _thread)?.Join();

        // The semaphore is left undisposed (it holds no handle): a write ending just now may still signal it.
        _stopping.Dispose();
    }

    private void Run()
    {
        OpenSqliteConnection? connection = null;
        try
        {
            while (!_stopping.IsCancellationRequested)
            {
                _committed.Wait(_stopping.Token);

                // Let the commits of the next moment gather, so that one checkpoint copies them all.
                _stopping.Token.WaitHandle.WaitOne(Interval);
                if (_stopping.IsCancellationRequested)
                {
                    break;
                }

                connection = Checkpoint(connection);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or ObjectDisposedException)
        {
            // Stopping (or started by a write that ended as the database was disposed).
        }
        finally
        {
            connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }
    }

    /// <summary>One passive checkpoint; the connection to use for the next one, or null to open a new one.</summary>
    private OpenSqliteConnection? Checkpoint(OpenSqliteConnection? connection)
    {
        try
        {
            // Microsoft.Data.Sqlite runs every call synchronously: on this thread, waiting here costs nothing else.
            connection ??= _open(_stopping.Token).GetAwaiter().GetResult();
            using var command = connection.Connection.CreateCommand();
            command.CommandText = "PRAGMA wal_checkpoint(PASSIVE)";
            command.ExecuteNonQuery();
            return connection;
        }
        catch (Exception exception) when (exception is DbException or IOException)
        {
            // The writer's automatic checkpoint still copies the log; try again with a new connection after the next commit.
            StorageLog.CheckpointFailed(_logger, exception.GetType().Name);
            connection?.DisposeAsync().AsTask().GetAwaiter().GetResult();
            return null;
        }
    }
}
