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

    /// <summary>
    /// Runs the batch like <see cref="ExecuteAsync"/> and says how many rows each of its first <paramref name="counted"/>
    /// statements changed. Those must end in <c>RETURNING</c> (PostgreSQL hands back a statement's count only as the
    /// rows it returns, while the statements after them return none); what a count of 0 means is the caller's to
    /// decide, since every statement runs whatever the ones before it changed.
    /// </summary>
    public async Task<int[]> ExecuteCountingAsync(DbSession session, int counted, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(counted, _statements.Count);
        var counts = new int[counted];
        if (session.Dialect.Kind == DatabaseKind.PostgreSql)
        {
            await using var batch = session.Sql(string.Join(";\n", _statements.Select(statement => statement.Sql)));
            foreach (var (_, bind) in _statements)
            {
                bind(batch);
            }

            await session.ReadAsync(batch, async reader =>
            {
                for (var i = 0; i < counted; i++)
                {
                    while (await reader.ReadAsync(cancellationToken))
                    {
                        counts[i]++;
                    }

                    await reader.NextResultAsync(cancellationToken);
                }
            }, cancellationToken);
            return counts;
        }

        for (var i = 0; i < _statements.Count; i++)
        {
            await using var command = session.Sql(_statements[i].Sql);
            _statements[i].Bind(command);
            var changed = await session.ExecuteAsync(command, cancellationToken);
            if (i < counted)
            {
                counts[i] = changed;
            }
        }

        return counts;
    }
}
