using System.Data;
using System.Data.Common;

using Jamcart.Checkout.Storage;
using Jamcart.Storage.Leases;
using Jamcart.Storage.Logging;
using Jamcart.Storage.Sql;

using Microsoft.Extensions.Logging;

using Npgsql;

namespace Jamcart.Storage.Postgres;

/// <summary>
/// PostgreSQL through one <see cref="NpgsqlDataSource"/>. Write transactions are READ COMMITTED: every change is a
/// conditional UPDATE of one row, which PostgreSQL re-checks against the row's newest version after waiting for its
/// lock, so no stronger isolation (and no serialization retries) is needed.
/// </summary>
internal sealed class PostgresDialect(NpgsqlDataSource dataSource, NpgsqlDataSource leaseSource, ILogger logger) : Dialect
{
    // Any fixed number shared by every Jamcart process; "JAMCART" in ASCII.
    private const long MigrationLockKey = 0x4A414D43415254;

    // More than the distinct statements of every use case together, so the checkout's all stay prepared.
    private const int AutoPreparedStatements = 64;

    // Connections of one instance's pool; Npgsql's own default is 100 (docs/scale.md, "Connections").
    private const int PoolSize = 16;

    // As long as SQLite's busy timeout: Jamcart's own transactions hold a row for milliseconds, so a lock held longer
    // belongs to someone else (a forgotten psql session, a long manual UPDATE), and waiting on it until the 30 s
    // command timeout would hold every connection of the pool, and every other buyer, behind it.
    // Set by a statement on each new server connection, not as a startup option: PgBouncer refuses startup options it
    // does not track.
    private const string SetLockTimeout = "SET lock_timeout = '5s'";

    public override DatabaseKind Kind => DatabaseKind.PostgreSql;

    public override string ForUpdate => " FOR UPDATE";

    // to_regclass looks the name up along the search path, as the unqualified names of every statement are.
    public override string TableExistsSql => "SELECT COUNT(*) AS n FROM (SELECT to_regclass(CAST(@table AS text)) AS found) AS lookup WHERE found IS NOT NULL";

    /// <remarks>
    /// Unless the connection string says otherwise, statements used more than a few times are prepared on each
    /// connection, and a connection going back to the pool is not reset: under checkout load the server spent a large
    /// share of its CPU parsing and planning the same statements, and running the reset (<c>DISCARD ALL</c>, which also
    /// drops prepared statements) at every next use of a pooled connection. Jamcart leaves no session state behind,
    /// except the worker lease's session-level advisory lock, whose connections come from a pool of their own that
    /// does reset. The pool holds at most <see cref="PoolSize"/> connections: a statement the server cannot start at
    /// once waits in the pool rather than as one more server process competing for its cores (a flash sale's p99
    /// fell by about half against Npgsql's 100, docs/benchmarks.md), and instances × pool stays under
    /// <c>max_connections</c> for longer. A row lock is waited for at most 5 s (<c>lock_timeout</c>, unless the
    /// connection string's <c>Options</c> set it), after which the write is a <see cref="StoreConflictException"/>;
    /// <c>No Reset On Close=false</c> resets it with the rest of the session after a connection's first use.
    /// </remarks>
    public static PostgresDialect Create(string connectionString, ILoggerFactory loggerFactory)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        var given = GivenSettings(builder.ConnectionStringBuilder);
        if (!given.Contains("Max Auto Prepare"))
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        }

        if (!given.Contains("No Reset On Close"))
        {
            builder.ConnectionStringBuilder.NoResetOnClose = true;
        }

        if (!given.Contains("Maximum Pool Size"))
        {
            // A minimum set above it alone would otherwise be refused as larger than the maximum.
            builder.ConnectionStringBuilder.MaxPoolSize = Math.Max(PoolSize, builder.ConnectionStringBuilder.MinPoolSize);
        }

        if (builder.ConnectionStringBuilder.Options?.Contains("lock_timeout", StringComparison.Ordinal) != true)
        {
            builder.UsePhysicalConnectionInitializer(SetLockTimeoutOn, SetLockTimeoutOnAsync);
        }

        builder.UseLoggerFactory(loggerFactory);
        var leases = new NpgsqlDataSourceBuilder(connectionString);
        leases.UseLoggerFactory(loggerFactory);
        return new PostgresDialect(builder.Build(), leases.Build(), loggerFactory.CreateLogger<CheckoutDatabase>());
    }

    private static void SetLockTimeoutOn(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(SetLockTimeout, connection);
        command.ExecuteNonQuery();
    }

    private static async Task SetLockTimeoutOnAsync(NpgsqlConnection connection)
    {
        await using var command = new NpgsqlCommand(SetLockTimeout, connection);
        await command.ExecuteNonQueryAsync();
    }

    /// <summary>The settings of the pool the functions' statements use (without the password), as Npgsql reads them.</summary>
    internal NpgsqlConnectionStringBuilder Settings => new(dataSource.ConnectionString);

    // The settings the connection string gave, under Npgsql's own names whichever of its spellings was used
    // ("MaxPoolSize", "maximum pool size"): Npgsql writes back only those, so read before any is set here.
    private static HashSet<string> GivenSettings(NpgsqlConnectionStringBuilder settings) =>
        new DbConnectionStringBuilder { ConnectionString = settings.ConnectionString }
            .Keys.Cast<string>().ToHashSet(StringComparer.OrdinalIgnoreCase);

    public override async Task<DbSession> OpenAsync(CancellationToken cancellationToken) =>
        new(this, await dataSource.OpenConnectionAsync(cancellationToken));

    public override async Task<DbSession> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            var transaction = await connection.BeginTransactionAsync(IsolationLevel.ReadCommitted, cancellationToken);
            return new DbSession(this, connection, transaction);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    // Autocommit: each statement is its own transaction, without the BEGIN and COMMIT round trips around it.
    public override async Task<DbSession> BeginStandaloneWritesAsync(CancellationToken cancellationToken) =>
        new(this, await dataSource.OpenConnectionAsync(cancellationToken), commit: _ => Task.CompletedTask);

    public override async Task LockForMigrationAsync(DbSession session, CancellationToken cancellationToken)
    {
        // A migration waits as long as it must, for another instance's migration and for the locks its DDL needs,
        // rather than fail the start after the lock timeout.
        await using (var noLockTimeout = session.Sql("SET LOCAL lock_timeout = 0"))
        {
            await session.ExecuteAsync(noLockTimeout, cancellationToken);
        }

        // Held until the transaction ends, so a second process starting at the same moment waits, then finds the
        // migrations recorded and applies nothing.
        await using var command = session.Sql("SELECT pg_advisory_xact_lock(@key)").With("key", MigrationLockKey);
        await session.ExecuteAsync(command, cancellationToken);
    }

    public override DatabaseConflict? Conflict(DbException exception)
    {
        DatabaseConflict? conflict = exception is PostgresException
        {
            SqlState: PostgresErrorCodes.SerializationFailure or PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.LockNotAvailable,
        } postgres
            ? new DatabaseConflict("SQLSTATE " + postgres.SqlState, WaitedOut: postgres.SqlState == PostgresErrorCodes.LockNotAvailable)
            : null;
        if (conflict is { } found)
        {
            StorageLog.Conflict(logger, Kind, found.Code);
        }

        return conflict;
    }

    public override IWorkerLease CreateLease(string name) => new PostgresAdvisoryLease(leaseSource, LeaseKeys.Of(name));

    public override async ValueTask DisposeAsync()
    {
        await dataSource.DisposeAsync();
        await leaseSource.DisposeAsync();
    }
}
