using System.Collections.Concurrent;
using System.Data.Common;

using Jamcart.Checkout.Storage;
using Jamcart.Storage.Leases;
using Jamcart.Storage.Logging;
using Jamcart.Storage.Sql;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Jamcart.Storage.Sqlite;

/// <summary>
/// One SQLite file in WAL mode: readers never wait, one writer at a time. Write transactions start with
/// <c>BEGIN IMMEDIATE</c>, so a transaction that will write holds the write lock from its first statement and two
/// cannot deadlock upgrading read locks; within this process writers also queue for their turn
/// (<see cref="SqliteWriter"/>, which also lets consecutive ones share a commit) instead of spinning on SQLITE_BUSY.
/// </summary>
internal sealed class SqliteDialect : Dialect
{
    /// <summary>How long a writer waits for another unless the connection string's <c>Default Timeout</c> (seconds) says otherwise.</summary>
    internal static readonly TimeSpan DefaultBusyTimeout = TimeSpan.FromSeconds(5);

    // Reads run synchronously inside Microsoft.Data.Sqlite, so few connections are ever busy reading at once.
    private const int MaxIdleReaders = 8;

    private readonly string _connectionString;
    private readonly string _connectionPragmas;
    private readonly ConcurrentStack<OpenSqliteConnection> _idleReaders = new();
    private readonly ILogger _logger;

    // The one connection that writes, kept open, so that its prepared statements and its page cache (which its own
    // commits do not invalidate) serve every write transaction of the process.
    private readonly SqliteWriter _writer;
    private readonly SqliteCheckpointer _checkpointer;
    private volatile bool _disposed;

    private SqliteDialect(string connectionString, TimeSpan busyTimeout, ILogger logger)
    {
        _connectionString = connectionString;
        _logger = logger;

        // The busy timeout is how long SQLite waits for another process's write lock (the writer's queue covers this
        // one). synchronous=NORMAL in WAL mode never corrupts the file; a power cut may lose the last commits, a crash none.
        // Statement journals (every savepoint of a shared commit has one) stay in memory instead of a temporary file
        // created and deleted each time. A checkpoint, which copies the log back into the file and syncs both, comes
        // shortly after writes on a thread of its own (SqliteCheckpointer); the writer's automatic one, which holds every
        // writer up while it runs, only after 10,000 pages (about 40 MB of log), should that thread fall behind.
        _connectionPragmas = $"PRAGMA busy_timeout = {(long)busyTimeout.TotalMilliseconds}; PRAGMA synchronous = NORMAL; PRAGMA foreign_keys = ON; "
            + "PRAGMA temp_store = MEMORY; PRAGMA wal_autocheckpoint = 10000;";
        _checkpointer = new SqliteCheckpointer(OpenConnectionAsync, logger);
        _writer = new SqliteWriter(this, OpenConnectionAsync, _checkpointer.Committed, busyTimeout, logger);
    }

    public override DatabaseKind Kind => DatabaseKind.Sqlite;

    public override string ForUpdate => "";

    public override string TableExistsSql => "SELECT COUNT(*) AS n FROM sqlite_master WHERE type = 'table' AND name = @table";

    /// <summary>Opens the database file (with <paramref name="create"/>, creating it and its folder when missing) and switches it to WAL.</summary>
    /// <exception cref="ArgumentException">The file is on a network file system.</exception>
    /// <exception cref="FileNotFoundException">Without <paramref name="create"/>: there is no file at the path.</exception>
    public static async Task<SqliteDialect> OpenAsync(SqliteConnectionStringBuilder settings, bool create, ILogger logger, CancellationToken cancellationToken)
    {
        // First: a path on a network share is refused for what it is, whether or not a file is found there.
        NetworkFileSystems.EnsureLocal(settings.DataSource);
        if (!create && !File.Exists(settings.DataSource))
        {
            throw new FileNotFoundException($"There is no SQLite database at {Path.GetFullPath(settings.DataSource)}.", settings.DataSource);
        }

        if (Path.GetDirectoryName(settings.DataSource) is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
        }

        // Microsoft.Data.Sqlite retries SQLITE_BUSY itself until the command timeout: keep it at the busy timeout.
        var busyTimeout = settings.ShouldSerialize("Default Timeout") ? TimeSpan.FromSeconds(Math.Max(1, settings.DefaultTimeout)) : DefaultBusyTimeout;
        settings.DefaultTimeout = (int)busyTimeout.TotalSeconds;
        settings.Pooling = true;
        var dialect = new SqliteDialect(settings.ToString(), busyTimeout, logger);
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var command = session.Sql("PRAGMA journal_mode = WAL");
        var mode = await session.QueryAsync(command, row => row.Text("journal_mode"), cancellationToken);
        if (mode is not ["wal"])
        {
            throw new InvalidOperationException($"The SQLite database '{settings.DataSource}' cannot use write-ahead logging (journal mode {string.Join(",", mode)}); keep it on a local disk.");
        }

        return dialect;
    }

    public override async Task<DbSession> OpenAsync(CancellationToken cancellationToken)
    {
        var reader = _idleReaders.TryPop(out var idle) ? idle : await OpenConnectionAsync(cancellationToken);
        return new DbSession(this, reader.Connection, commands: reader.Command, release: _ => ReturnReaderAsync(reader));
    }

    public override Task<DbSession> BeginWriteAsync(CancellationToken cancellationToken) => _writer.BeginAsync(standalone: false, cancellationToken);

    public override Task<DbSession> BeginStandaloneWritesAsync(CancellationToken cancellationToken) => _writer.BeginAsync(standalone: true, cancellationToken);

    // BEGIN IMMEDIATE already holds the one write lock of the file, across processes.
    public override Task LockForMigrationAsync(DbSession session, CancellationToken cancellationToken) => Task.CompletedTask;

    public override DatabaseConflict? Conflict(DbException exception)
    {
        // Both come of waiting out the busy timeout for another connection's lock.
        DatabaseConflict? conflict = exception switch
        {
            SqliteException { SqliteErrorCode: SqliteErrorCodes.Busy } => new DatabaseConflict("SQLITE_BUSY", WaitedOut: true),
            SqliteException { SqliteErrorCode: SqliteErrorCodes.Locked } => new DatabaseConflict("SQLITE_LOCKED", WaitedOut: true),
            _ => null,
        };
        if (conflict is { } found)
        {
            StorageLog.Conflict(_logger, Kind, found.Code);
        }

        return conflict;
    }

    public override IWorkerLease CreateLease(string name) =>
        new FileLockLease(FileLockLease.PathFor(new SqliteConnectionStringBuilder(_connectionString).DataSource, name));

    public override async ValueTask DisposeAsync()
    {
        _disposed = true;
        await CloseIdleReadersAsync();
        await _writer.DisposeAsync();
        _checkpointer.Dispose();

        // Pooled connections keep the file open; let it go with the database object.
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }
    }

    private Task<OpenSqliteConnection> OpenConnectionAsync(CancellationToken cancellationToken) =>
        OpenSqliteConnection.OpenAsync(_connectionString, _connectionPragmas, cancellationToken);

    private async ValueTask ReturnReaderAsync(OpenSqliteConnection reader)
    {
        reader.EndSession();
        if (_disposed || !reader.Reusable || _idleReaders.Count >= MaxIdleReaders)
        {
            await reader.DisposeAsync();
            return;
        }

        _idleReaders.Push(reader);
        if (_disposed)
        {
            // Disposed while this one was being put back: nothing else will close it.
            await CloseIdleReadersAsync();
        }
    }

    private async Task CloseIdleReadersAsync()
    {
        while (_idleReaders.TryPop(out var reader))
        {
            await reader.DisposeAsync();
        }
    }
}
