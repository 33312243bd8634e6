using System.Data.Common;

namespace Jamcart.Storage.Sql;

/// <summary>
/// Statements that run one after another with nothing to decide in between. PostgreSQL gets them as one command, so in
/// one round trip (Npgsql sends the statements of a command together); SQLite, which has no round trips to save and
/// whose multi-statement commands do not survive being kept prepared, runs them one by one.
/// </summary>
internal sealed class SqlBatch
{
    private readonly List<(string Sql, Action<DbCommand> Bind)> _statements = [];

    /// <summary>Adds a statement; <paramref name="bind"/> binds all of its parameters, whose names no other statement of the batch uses.</summary>
    public SqlBatch Add(string sql, Action<DbCommand> bind)
    {
        _statements.Add((sql, bind));
        return this;
    }

    public async Task ExecuteAsync(DbSession session, CancellationToken cancellationToken)
    {
        if (session.Dialect.Kind == DatabaseKind.PostgreSql)
        {
            await using var batch = session.Sql(string.Join(";\n", _statements.Select(statement => statement.Sql)));
            foreach (var (_, bind) in _statements)
            {
                bind(batch);
            }

            await session.ExecuteAsync(batch, cancellationToken);
            return;
        }

        foreach (var (sql, bind) in _statements)
        {
            await using var command = session.Sql(sql);
            bind(command);
            await session.ExecuteAsync(command, cancellationToken);
        }
    }
}
