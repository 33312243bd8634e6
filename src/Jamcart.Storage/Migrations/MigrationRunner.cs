using Jamcart.Storage.Logging;
using Jamcart.Storage.Sql;

using Microsoft.Extensions.Logging;

namespace Jamcart.Storage.Migrations;

/// <summary>
/// Brings the schema up to date in one write transaction, recording each migration in <c>schema_migrations</c>. Safe
/// when several processes start at once: the transaction holds the migration lock (PostgreSQL advisory lock, SQLite's
/// write lock), so the first applies everything and the others find it done.
/// </summary>
internal sealed class MigrationRunner(Dialect dialect, TimeProvider time, ILogger logger)
{
    public async Task<IReadOnlyList<string>> RunAsync(CancellationToken cancellationToken)
    {
        await using var session = await dialect.BeginWriteAsync(cancellationToken);
        await dialect.LockForMigrationAsync(session, cancellationToken);

        await using (var create = session.Sql("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at BIGINT NOT NULL)"))
        {
            await session.ExecuteAsync(create, cancellationToken);
        }

        await using var select = session.Sql("SELECT name FROM schema_migrations");
        var done = (await session.QueryAsync(select, row => row.Text("name"), cancellationToken)).ToHashSet(StringComparer.Ordinal);

        var applied = new List<string>();
        foreach (var migration in MigrationScripts.For(dialect.Kind).Where(migration => !done.Contains(migration.Name)))
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
}
