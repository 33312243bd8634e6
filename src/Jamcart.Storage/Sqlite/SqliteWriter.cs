using System.Data.Common;

using Jamcart.Checkout.Storage;
using Jamcart.Storage.Logging;
using Jamcart.Storage.Sql;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Jamcart.Storage.Sqlite;

/// <summary>
/// The one connection a process writes with, and the queue of write transactions waiting for their turn on it. A
/// write transaction that starts while another one of the process is still open joins the SQLite transaction that one
/// began (group commit): it runs inside a savepoint of its own, so rolling it back undoes only its own changes, and
/// its commit returns once the shared SQLite transaction has committed, which happens as soon as no writer is waiting.
/// </summary>
/// <remarks>
/// <para>
/// Every write transaction still runs alone, after the one before it ended, and sees what that one did, exactly as
/// one after the other would; only the commit is shared. No write transaction ends, committed or rolled back, before
/// the changes it could have seen are committed: if the shared transaction fails, every write transaction in it
/// fails, none having been told it committed. What is saved is per-commit work: under checkout load, writing the
/// same table and index pages into the write-ahead log once per transaction, and taking and dropping SQLite's locks,
/// cost more CPU than all the statements of a checkout together.
/// </para>
/// <para>
/// Other processes on the same file take SQLite's write lock between two shared transactions; a shared transaction
/// holds it for at most <see cref="MaxWritesPerCommit"/> write transactions.
/// </para>
/// </remarks>
/// <param name="committed">Called after each commit of a shared transaction (it starts a checkpoint soon after).</param>
internal sealed class SqliteWriter(
    SqliteDialect dialect,
    Func<CancellationToken, Task<OpenSqliteConnection>> open,
    Action committed,
    TimeSpan busyTimeout,
    ILogger logger)
    : IAsyncDisposable
{
    private const int MaxWritesPerCommit = 16;
    private const string Savepoint = "write";

    private readonly Lock _gate = new();
    private readonly Queue<TaskCompletionSource> _waiting = new();
    private bool _turnTaken;
    private volatile bool _disposed;

    // Touched only by the write transaction whose turn it is.
    private OpenSqliteConnection? _connection;
    private SharedTransaction? _shared;

    /// <summary>Waits for the turn (at most the busy timeout), then starts a write transaction.</summary>
    /// <param name="standalone">
    /// Whether every statement of the session stands alone (see <see cref="Dialect.BeginStandaloneWritesAsync"/>): it
    /// then runs without a savepoint of its own, as PostgreSQL runs such statements without a transaction. SQLite
    /// undoes a failed statement by itself, and what the session ran stays even if it ends without committing; ending
    /// still waits for the shared commit, so that its statements are committed when it returns.
    /// </param>
    /// <exception cref="StoreConflictException">Another writer held the database past the busy timeout.</exception>
    public async Task<DbSession> BeginAsync(bool standalone, CancellationToken cancellationToken)
    {
        await TakeTurnAsync(cancellationToken);
        try
        {
            var connection = _connection ??= await open(cancellationToken);
            _shared ??= await SharedTransaction.BeginAsync(dialect, connection);
            if (!standalone)
            {
                await _shared.ExecuteAsync("SAVEPOINT " + Savepoint);
            }

            var write = new Write(this, _shared, joined: _shared.Writes > 0, standalone);
            _shared.Writes++;
            return new DbSession(dialect, connection.Connection, _shared.Transaction, connection.Command, write.EndAsync, write.CommitAsync);
        }
        catch
        {
            await EndTurnAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _disposed = true;
        lock (_gate)
        {
            if (_turnTaken)
            {
                // The write transaction holding the turn closes the connection when it ends.
                return;
            }

            _turnTaken = true;
        }

        try
        {
            await CloseConnectionAsync();
        }
        finally
        {
            PassTurn();
        }
    }

    private async Task TakeTurnAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource turn;
        lock (_gate)
        {
            if (!_turnTaken)
            {
                _turnTaken = true;
                return;
            }

            turn = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiting.Enqueue(turn);
        }

        try
        {
            await turn.Task.WaitAsync(busyTimeout, cancellationToken);
        }
        catch (Exception exception) when (exception is TimeoutException or OperationCanceledException)
        {
            bool withdrawn;
            lock (_gate)
            {
                // A turn handed over is always handed under the lock, so this either withdraws or finds it given.
                withdrawn = turn.TrySetCanceled(CancellationToken.None);
            }

            if (!withdrawn)
            {
                if (exception is TimeoutException)
                {
                    // Given the turn at the last moment: take it after all.
                    return;
                }

                await EndTurnAsync();
            }

            if (exception is OperationCanceledException)
            {
                throw;
            }

            StorageLog.Conflict(logger, DatabaseKind.Sqlite, "writer queue");
            throw new StoreConflictException(
                $"Another write transaction of this process held the SQLite database for more than {busyTimeout.TotalSeconds} s; nothing was changed, so running it again is safe.")
            {
                WaitedOut = true,
            };
        }
    }

    /// <summary>
    /// Ends the current write transaction's turn: the next waiting one continues the shared transaction, or, when none
    /// waits (or the shared transaction is full), it commits and the turn passes on.
    /// </summary>
    private async Task EndTurnAsync()
    {
        var handedOver = false;
        try
        {
            // Whatever the write's caller disposes from now on must leave the connection alone: the next write uses it.
            _connection?.EndSession();
            if (_shared is { Broken: true } broken)
            {
                // A failed statement made SQLite roll the whole transaction back: the writes that already ended in it are lost.
                _shared = null;
                broken.Fail(new StoreConflictException(
                    "The SQLite transaction this write shared with others was rolled back by another's failure; nothing of it was kept, so running it again is safe."));
                await broken.DisposeAsync();
            }

            if (_shared is { Writes: < MaxWritesPerCommit } && !_disposed && TryPassTurn())
            {
                handedOver = true;
                return;
            }

            if (_shared is { } shared)
            {
                _shared = null;
                await shared.CommitAsync();
                committed();
            }

            if (_disposed || _connection is { Reusable: false })
            {
                // Closed with the database; or a rollback failed (an I/O error) and left its transaction: start afresh.
                await CloseConnectionAsync();
            }
        }
        finally
        {
            if (!handedOver)
            {
                PassTurn();
            }
        }
    }

    private bool TryPassTurn()
    {
        lock (_gate)
        {
            while (_waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    return true;
                }
            }

            return false;
        }
    }

    private void PassTurn()
    {
        lock (_gate)
        {
            while (_waiting.TryDequeue(out var next))
            {
                if (next.TrySetResult())
                {
                    return;
                }
            }

            _turnTaken = false;
        }
    }

    private async Task CloseConnectionAsync()
    {
        if (_connection is { } connection)
        {
            _connection = null;
            await connection.DisposeAsync();
        }
    }

    /// <summary>One write transaction: a savepoint in the shared transaction (none when standalone), holding the turn until it ends.</summary>
    /// <param name="joined">Whether writes before it in the shared transaction may have left changes it could read.</param>
    private sealed class Write(SqliteWriter writer, SharedTransaction shared, bool joined, bool standalone)
    {
        private bool _ended;

        public async Task CommitAsync(CancellationToken cancellationToken)
        {
            if (_ended)
            {
                throw new InvalidOperationException("This write transaction has already ended.");
            }

            _ended = true;
            try
            {
                if (!standalone)
                {
                    await shared.ExecuteAsync("RELEASE " + Savepoint);
                }
            }
            catch
            {
                _ = await RollBackAsync();
                throw;
            }

            await writer.EndTurnAsync();

            // Not cancellable: the changes are in the shared transaction, which commits (or fails) either way.
            await shared.Committed;
        }

        /// <summary>Ends the session: a write that was not committed is rolled back to its savepoint.</summary>
        public async ValueTask EndAsync(DbConnection connection)
        {
            if (_ended)
            {
                return;
            }

            _ended = true;
            if (standalone)
            {
                await writer.EndTurnAsync();
                try
                {
                    await shared.Committed;
                }
                catch (Exception exception) when (exception is DbException or StoreConflictException)
                {
                    // Ended without a commit: its caller already failed for a reason of its own, which this must not hide.
                }

                return;
            }

            if (await RollBackAsync() && joined)
            {
                // What it read may include changes of the writes before it, not committed yet: whoever acts on what it
                // saw (an event found already handled, an order found paid) must not do so before they are, nor if
                // they never are.
                await shared.Committed;
            }
        }

        /// <summary>Undoes the write's own changes; false when its failure took the whole shared transaction with it.</summary>
        private async Task<bool> RollBackAsync()
        {
            try
            {
                await shared.ExecuteAsync("ROLLBACK TO " + Savepoint);
                await shared.ExecuteAsync("RELEASE " + Savepoint);
                return true;
            }
            catch (DbException)
            {
                // No savepoint left: SQLite rolled back the whole transaction, which the end of the turn finds.
                shared.Broken = true;
                return false;
            }
            finally
            {
                await writer.EndTurnAsync();
            }
        }
    }

    /// <summary>The SQLite transaction that consecutive write transactions share, and the commit they all wait for.</summary>
    private sealed class SharedTransaction(SqliteDialect dialect, OpenSqliteConnection connection, SqliteTransaction transaction) : IAsyncDisposable
    {
        private readonly TaskCompletionSource _committed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private bool _broken;

        public SqliteTransaction Transaction => transaction;

        public int Writes { get; set; }

        public Task Committed => _committed.Task;

        /// <summary>Whether the transaction is gone: a statement failed in a way that made SQLite roll it all back.</summary>
        public bool Broken
        {
            get => _broken
                || connection.Connection.State != System.Data.ConnectionState.Open
                || SQLitePCL.raw.sqlite3_get_autocommit(connection.Connection.Handle) != 0;
            set => _broken = value;
        }

        public static async Task<SharedTransaction> BeginAsync(SqliteDialect dialect, OpenSqliteConnection connection)
        {
            // BEGIN IMMEDIATE: the write lock from the first statement, so two processes cannot deadlock upgrading.
            var transaction = await dialect.GuardAsync(() => Task.FromResult(connection.Connection.BeginTransaction(deferred: false)));
            return new SharedTransaction(dialect, connection, transaction);
        }

        public async Task ExecuteAsync(string sql)
        {
            await using var command = connection.Command(sql);
            command.Transaction = transaction;
            await dialect.GuardAsync(() => command.ExecuteNonQueryAsync());
        }

        public async Task CommitAsync()
        {
            try
            {
                await dialect.GuardAsync(async () =>
                {
                    await transaction.CommitAsync();
                    return true;
                });
                _committed.TrySetResult();
            }
            catch (Exception exception)
            {
                // Whatever went wrong, every write waiting for this commit must hear of it, or it would wait forever.
                _committed.TrySetException(exception);
            }
            finally
            {
                await DisposeAsync();
            }
        }

        public void Fail(Exception exception) => _committed.TrySetException(exception);

        public async ValueTask DisposeAsync()
        {
            try
            {
                // Rolls back when the commit failed; nothing to do after a commit or SQLite's own rollback.
                await transaction.DisposeAsync();
            }
            catch (DbException)
            {
                // The connection is then not reusable, and is closed at the end of the turn.
            }
        }
    }
}
