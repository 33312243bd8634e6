using System.Data.Common;
using System.Globalization;

namespace Jamcart.Storage.Sql;

/// <summary>
/// Statements that run one after another with nothing to decide in between. PostgreSQL gets them as one command, so in
/// one round trip (Npgsql sends the statements of a command together); SQLite, which has no round trips to save and
/// whose multi-statement commands do not survive being kept prepared, runs them one by one.
/// </summary>
internal sealed class SqlBatch
{
    private readonly List<(string Sql, Action<DbCommand> Bind, string? Name)> _statements = [];

    /// <summary>Adds a statement; <paramref name="bind"/> binds all of its parameters, whose names no other statement of the batch uses.</summary>
    /// <param name="name">What the other statements call it in <see cref="ExecuteAsOneStatementAsync"/>.</param>
    public SqlBatch Add(string sql, Action<DbCommand> bind, string? name = null)
    {
        _statements.Add((sql, bind, name));
        return this;
    }

    public async Task ExecuteAsync(DbSession session, CancellationToken cancellationToken)
    {
        if (session.Dialect.Kind == DatabaseKind.PostgreSql)
        {
            await using var batch = session.Sql(string.Join(";\n", _statements.Select(statement => statement.Sql)));
            foreach (var (_, bind, _) in _statements)
            {
                bind(batch);
            }

            await session.ExecuteAsync(batch, cancellationToken);
            return;
        }

        foreach (var (sql, bind, _) in _statements)
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
            foreach (var (_, bind, _) in _statements)
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

    /// <summary>
    /// Runs the batch on PostgreSQL as one statement, so atomic without a transaction and in one round trip: each
    /// statement becomes a part of a <c>WITH</c>, under the name it was added with. PostgreSQL runs every part once, all
    /// under one snapshot, whatever the others find; a statement that must change nothing unless another did says so
    /// itself (<c>AND EXISTS (SELECT 1 FROM name)</c>), and none sees the others' changes, only the rows they return
    /// (so a part referred to or counted ends in <c>RETURNING</c>). Says how many rows each part named in
    /// <paramref name="counted"/> returned.
    /// </summary>
    /// <exception cref="InvalidOperationException">On SQLite, whose <c>WITH</c> cannot hold changes.</exception>
    public async Task<int[]> ExecuteAsOneStatementAsync(DbSession session, IReadOnlyList<string> counted, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(counted);
        if (session.Dialect.Kind != DatabaseKind.PostgreSql)
        {
            throw new InvalidOperationException("Only PostgreSQL runs changes as parts of one statement.");
        }

        var parts = _statements.Select((statement, i) => $"{statement.Name ?? "part" + i.ToString(CultureInfo.InvariantCulture)} AS (\n{statement.Sql}\n)");
        var counts = string.Join(", ", counted.Select(name => $"(SELECT COUNT(*) FROM {name}) AS {name}"));
        await using var command = session.Sql($"WITH {string.Join(",\n", parts)}\nSELECT {counts}");
        foreach (var (_, bind, _) in _statements)
        {
            bind(command);
        }

        var rows = await session.QueryAsync(command, row => counted.Select(name => checked((int)row.Long(name))).ToArray(), cancellationToken);
        return rows.Single();
    }
}
