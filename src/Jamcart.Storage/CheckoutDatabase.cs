using System.Data.Common;

using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Storage.Connections;
using Jamcart.Storage.Idempotency;
using Jamcart.Storage.Logging;
using Jamcart.Storage.Migrations;
using Jamcart.Storage.Postgres;
using Jamcart.Storage.RateLimits;
using Jamcart.Storage.Sql;
using Jamcart.Storage.Sqlite;
using Jamcart.Storage.Stock;
using Jamcart.Storage.Store;

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jamcart.Storage;

/// <summary>The store database, SQLite or PostgreSQL, with the ports the checkout and the build use.</summary>
/// <remarks>
/// <para>
/// SQLite is for one machine: the file must be on a local disk. A path on a network file system (NFS, SMB/CIFS, sshfs,
/// 9p, AFS, …, read from <c>/proc/self/mountinfo</c>) or a UNC path is refused, because SQLite's locks are not reliable
/// there; run several machines on PostgreSQL instead. SQLite runs one write transaction at a time: a caller holding an
/// <see cref="ICheckoutTransaction"/> must not start another write (a second transaction, an idempotency claim, an
/// outbox update) before ending it, or that write waits for the busy timeout and fails with
/// <see cref="StoreConflictException"/>. The busy timeout is 5 s; <c>Data Source=…;Default Timeout=&lt;seconds&gt;</c> changes it.
/// </para>
/// <para>
/// PostgreSQL: any number of processes and hosts share one database; rows are locked as they are touched, so
/// transactions touching several SKUs should touch them in SKU order. A deadlock or serialization failure becomes
/// <see cref="StoreConflictException"/>, after which the use case may run again.
/// </para>
/// </remarks>
public sealed class CheckoutDatabase : IAsyncDisposable
{
    private readonly Dialect _dialect;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;

    private CheckoutDatabase(Dialect dialect, TimeProvider time, ILogger logger)
    {
        _dialect = dialect;
        _time = time;
        _logger = logger;
        Store = new SqlCheckoutStore(dialect);
        Idempotency = new SqlIdempotencyStore(dialect, logger);
        Stock = new SqlStockSource(dialect, time);
        RateLimits = new RateLimitCounter(dialect);
        Maintenance = new SqlMaintenanceStore(dialect);
    }

    public DatabaseKind Kind => _dialect.Kind;

    /// <summary>The engine's own sessions and locks, for tests that play another process holding them.</summary>
    internal Dialect Dialect => _dialect;

    public ICheckoutStore Store { get; }

    public IIdempotencyStore Idempotency { get; }

    /// <summary>Available units per SKU now (on hand minus running reservations), for rendering pages.</summary>
    public IStockSource Stock { get; }

    /// <summary>Request counters shared by every process on this database, for rate limits that hold across instances.</summary>
    public RateLimitCounter RateLimits { get; }

    /// <summary>Purges of what is past its retention, and leases for one maintenance run at a time.</summary>
    public IMaintenanceStore Maintenance { get; }

    /// <summary>
    /// Whether <paramref name="exception"/>, thrown by <see cref="OpenAsync"/> or <see cref="MigrateAsync"/>, says why the
    /// database could not be opened or migrated (a connection string of no known form, a server that is down or refuses
    /// the login, a file or folder SQLite cannot open or make, another migration holding it, a schema a newer Jamcart migrated): a reason to tell the operator in one line,
    /// not a defect to report with its stack. The messages never quote the connection string, which may hold a password.
    /// </summary>
    public static bool CannotOpen(Exception exception) =>
        exception is ArgumentException or DbException or StoreConflictException or IOException or UnauthorizedAccessException
            or SchemaTooNewException or SchemaNotMigratedException;

    /// <summary>Which engine <paramref name="connectionString"/> names, without opening it (for start-up checks).</summary>
    /// <exception cref="ArgumentException">The connection string is none of the forms <see cref="OpenAsync"/> accepts (the message never quotes it).</exception>
    public static DatabaseKind KindOf(string connectionString) => ConnectionStrings.Parse(connectionString).Kind;

    /// <summary>The full path of the SQLite file <paramref name="connectionString"/> names, without opening it; null for PostgreSQL.</summary>
    /// <exception cref="ArgumentException">The connection string is none of the forms <see cref="OpenAsync"/> accepts (the message never quotes it).</exception>
    public static string? SqliteFileOf(string connectionString) =>
        ConnectionStrings.Parse(connectionString) is { Kind: DatabaseKind.Sqlite } target
            ? new SqliteConnectionStringBuilder(target.ProviderConnectionString).DataSource
            : null;

    /// <summary>Opens the database named by <paramref name="connectionString"/> and, unless <paramref name="migrate"/> is false, applies pending migrations.</summary>
    /// <param name="connectionString">
    /// <c>sqlite:&lt;path&gt;</c> or <c>Data Source=&lt;path&gt;[;…]</c> for SQLite;
    /// <c>postgres://user:password@host:port/database[?option=value]</c>, <c>postgresql://…</c> or
    /// <c>Host=…;Database=…[;…]</c> for PostgreSQL.
    /// </param>
    /// <param name="create">
    /// Whether a SQLite file that does not exist yet is made; commands that only work on a store's data refuse a path
    /// that names none (a mistyped path would otherwise answer as an empty store).
    /// </param>
    /// <exception cref="ArgumentException">The connection string is none of those forms (the message never quotes it), or the SQLite file is on a network file system.</exception>
    /// <exception cref="FileNotFoundException">Without <paramref name="create"/>: there is no SQLite file at the path.</exception>
    public static async Task<CheckoutDatabase> OpenAsync(
        string connectionString,
        TimeProvider time,
        ILoggerFactory? loggerFactory = null,
        bool migrate = true,
        bool create = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(time);
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<CheckoutDatabase>();
        var target = ConnectionStrings.Parse(connectionString);
        Dialect dialect;
        if (target.Kind == DatabaseKind.Sqlite)
        {
            dialect = await SqliteDialect.OpenAsync(new SqliteConnectionStringBuilder(target.ProviderConnectionString), create, logger, cancellationToken);
        }
        else
        {
            dialect = PostgresDialect.Create(target.ProviderConnectionString, loggerFactory);
        }

        var database = new CheckoutDatabase(dialect, time, logger);
        try
        {
            if (migrate)
            {
                await database.MigrateAsync(cancellationToken);
            }
        }
        catch
        {
            await database.DisposeAsync();
            throw;
        }

        StorageLog.Opened(logger, dialect.Kind);
        return database;
    }

    /// <summary>
    /// A lease that makes one instance of the worker called <paramref name="name"/> the active one: a PostgreSQL advisory
    /// lock held by a session of its own (released when that session ends, so another host takes over), or on SQLite,
    /// which lives on one machine, a lease among the instances of this process.
    /// </summary>
    public IWorkerLease CreateLease(string name)
    {
        ArgumentException.ThrowIfNullOrEmpty(name);
        return _dialect.CreateLease(name);
    }

    /// <summary>Applies the migrations not yet applied; returns their names (none when the schema is current).</summary>
    public Task<IReadOnlyList<string>> MigrateAsync(CancellationToken cancellationToken) =>
        new MigrationRunner(_dialect, _time, _logger).RunAsync(cancellationToken);

    /// <summary>Checks, by a read, that every migration is applied; for hosts told not to migrate themselves.</summary>
    /// <exception cref="SchemaNotMigratedException">Some are not; nothing was changed.</exception>
    /// <exception cref="SchemaTooNewException">A newer version migrated the database.</exception>
    public async Task EnsureMigratedAsync(CancellationToken cancellationToken)
    {
        var pending = await new MigrationRunner(_dialect, _time, _logger).PendingAsync(cancellationToken);
        if (pending.Count > 0)
        {
            throw new SchemaNotMigratedException(pending);
        }
    }

    public ValueTask DisposeAsync() => _dialect.DisposeAsync();
}
