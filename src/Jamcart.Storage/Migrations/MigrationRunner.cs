using Jamcart.Storage.Logging;
using Jamcart.Storage.Sql;

using Microsoft.Extensions.Logging;

namespace Jamcart.Storage.Migrations;

/// <summary>
/// Brings the schema up to date in one write transaction, recording each migration in <c>schema_migrations</c>. Safe
/// when several processes start at once: the transaction holds the migration lock (PostgreSQL advisory lock, SQLite's
/// write lock), so the first applies everything and the others find it done. A schema that is already current is
/// found by a read, without that lock, and one a newer version migrated is refused (<see cref="SchemaTooNewException"/>).
/// </summary>
internal sealed class MigrationRunner(Dialect dialect, TimeProvider time, ILogger logger)
{
    /// <exception cref="SchemaTooNewException">The database holds migrations this version does not know; nothing was changed.</exception>
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        var known = MigrationScripts.For(dialect.Kind);

        // Nearly every start finds the schema current. Taking the write lock to learn that would make a command that
        // only reads wait for whichever process is writing (SQLite has one writer).
        if (await ReadDoneAsync(cancellationToken) is { } recorded && EnsureKnown(known, recorded).Count == 0)
        {
            return [];
        }

        await using var session = await dialect.BeginWriteAsync(cancellationToken);
        await dialect.LockForMigrationAsync(session, cancellationToken);

        await using (var create = session.Sql("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)"))
        {
            await session.ExecuteAsync(create, cancellationToken);
        }

        await using var select = session.Sql("SELECT name FROM schema_migrations");
        var done = (await session.QueryAsync(select, row => row.Text("name"), cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var applied = new List<string>();
        foreach (var migration in EnsureKnown(known, done))
        {
            foreach (var script in migration.Scripts)
            {
                await using var command = session.Sql(script);
                await session.ExecuteAsync(command, cancellationToken);
            }

            await using var record = session.Sql("INSERT INTO schema_migrations (name, applied_at) VALUES (@name, @applied_at)")
                .With("name", migration.Name)
                .With("applied_at", time.GetUtcNow());
            await session.ExecuteAsync(record, cancellationToken);
            applied.Add(migration.Name);
        }

        await session.CommitAsync(cancellationToken);
        foreach (var name in applied)
        {
            StorageLog.MigrationApplied(logger, dialect.Kind, name);
        }

        return applied;
    }

    /// <summary>The names of the migrations not yet applied, found by a read; nothing is changed.</summary>
    /// <exception cref="SchemaTooNewException">The database holds migrations this version does not know.</exception>
    public async Task<IReadOnlyList<string>> PendingAsync(CancellationToken cancellationToken)
    {
        var done = await ReadDoneAsync(cancellationToken) ?? new HashSet<string>(StringComparer.Ordinal);
        return EnsureKnown(MigrationScripts.For(dialect.Kind), done).Select(migration => migration.Name).ToList();
    }

    /// <summary>The migrations <paramref name="done"/> lacks, once it holds none that this version does not know.</summary>
    /// <exception cref="SchemaTooNewException">It does.</exception>
    private static List<Migration> EnsureKnown(IReadOnlyList<Migration> known, IReadOnlySet<string> done)
    {
        var unknown = done.Except(known.Select(migration => migration.Name), StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();
        if (unknown.Count > 0)
        {
            throw new SchemaTooNewException(unknown);
        }

        return known.Where(migration => !done.Contains(migration.Name)).ToList();
    }

    /// <summary>The migrations recorded, read without a lock; null where there is no record yet (a new database).</summary>
    private async Task<IReadOnlySet<string>?> ReadDoneAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.OpenAsync(cancellationToken);
        await using var exists = session.Sql(dialect.TableExistsSql).With("table", "schema_migrations");
        if ((await session.QueryAsync(exists, row => row.Long("n"), cancellationToken)).Single() == 0)
        {
            return null;
        }

        await using var select = session.Sql("SELECT name FROM schema_migrations");
        return (await session.QueryAsync(select, row => row.Text("name"), cancellationToken)).ToHashSet(StringComparer.Ordinal);
    }
}
