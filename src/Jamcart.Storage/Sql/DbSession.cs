using System.Data.Common;
using System.Globalization;

namespace Jamcart.Storage.Sql;

/// <summary>
/// One open connection, inside a write transaction or not, with the few ways Jamcart runs SQL on it. Disposing it
/// rolls back what was not committed and returns the connection (and, on SQLite, the writer's turn).
/// </summary>
/// <param name="commands">Where commands come from (SQLite keeps prepared ones per connection); new ones by default.</param>
/// <param name="release">
/// What becomes of the connection and the transaction when the session ends; by default the transaction is rolled back
/// unless committed, and the connection disposed.
/// </param>
/// <param name="commit">How the transaction commits, when not by committing it (SQLite's shared transactions).</param>
internal sealed class DbSession(
    Dialect dialect,
    DbConnection connection,
    DbTransaction? transaction = null,
    Func<string, DbCommand>? commands = null,
    Func<DbConnection, ValueTask>? release = null,
    Func<CancellationToken, Task>? commit = null)
    : IAsyncDisposable
{
    private bool _disposed;

    public Dialect Dialect => dialect;

    public DbCommand Sql(string sql)
    {
        DbCommand command;
        if (commands is not null)
        {
            command = commands(sql);
        }
        else
        {
            command = connection.CreateCommand();
#pragma warning disable CA2100 // Every command text is a constant of this project; values are always bound parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
        }

        command.Transaction = transaction;
        return command;
    }

    public Task<int> ExecuteAsync(DbCommand command, CancellationToken cancellationToken) =>
        dialect.GuardAsync(() => command.ExecuteNonQueryAsync(cancellationToken));

    public Task<long> LongAsync(DbCommand command, CancellationToken cancellationToken) =>
        dialect.GuardAsync(async () => Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), CultureInfo.InvariantCulture));

    public Task<List<T>> QueryAsync<T>(DbCommand command, Func<Row, T> map, CancellationToken cancellationToken) =>
        dialect.GuardAsync(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await ReadAllAsync(reader, map, cancellationToken);
        });

    /// <summary>Runs a command of one or two queries and reads both result sets (the second empty when there is none).</summary>
    public Task<(List<T1> First, List<T2> Second)> QueryTwoAsync<T1, T2>(DbCommand command, Func<Row, T1> first, Func<Row, T2> second, CancellationToken cancellationToken) =>
        dialect.GuardAsync(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            var firstRows = await ReadAllAsync(reader, first, cancellationToken);
            return (firstRows, await reader.NextResultAsync(cancellationToken) ? await ReadAllAsync(reader, second, cancellationToken) : []);
        });

    /// <summary>Runs a command and hands its reader, all its result sets, to <paramref name="read"/>.</summary>
    public Task ReadAsync(DbCommand command, Func<DbDataReader, Task> read, CancellationToken cancellationToken) =>
        dialect.GuardAsync(async () =>
        {
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            await read(reader);
            return true;
        });

    public async Task<T?> FirstOrDefaultAsync<T>(DbCommand command, Func<Row, T> map, CancellationToken cancellationToken)
        where T : class =>
        (await QueryAsync(command, map, cancellationToken)).FirstOrDefault();

    public Task CommitAsync(CancellationToken cancellationToken) =>
        commit?.Invoke(cancellationToken) ?? dialect.GuardAsync(async () =>
        {
            if (transaction is null)
            {
                throw new InvalidOperationException("This session has no transaction to commit.");
            }

            await transaction.CommitAsync(cancellationToken);
            return true;
        });

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (release is not null)
        {
            await release(connection);
            return;
        }

        try
        {
            if (transaction is not null)
            {
                await transaction.DisposeAsync();
            }
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }

    private static async Task<List<T>> ReadAllAsync<T>(DbDataReader reader, Func<Row, T> map, CancellationToken cancellationToken)
    {
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(new Row(reader)));
        }

        return rows;
    }
}
