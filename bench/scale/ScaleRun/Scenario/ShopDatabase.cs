using System.Data.Common;

using Npgsql;

namespace Jamcart.Bench.Scale;

/// <summary>Plain SQL on the store database's documented tables, for the run's own look at what the processes did.</summary>
internal sealed class ShopDatabase(string connectionString) : IAsyncDisposable
{
    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    /// <summary>Unix microseconds, as every timestamp of the schema is stored.</summary>
    public static DateTimeOffset Time(long micros) => DateTimeOffset.UnixEpoch.AddTicks(micros * 10);

    public async Task<long> CountAsync(string sql, CancellationToken cancellationToken, params (string Name, object Value)[] parameters) =>
        (await QueryAsync(sql, row => row.GetInt64(0), cancellationToken, parameters)).Single();

    public async Task<List<T>> QueryAsync<T>(string sql, Func<DbDataReader, T> map, CancellationToken cancellationToken, params (string Name, object Value)[] parameters)
    {
        await using var connection = await _source.OpenConnectionAsync(cancellationToken);
#pragma warning disable CA2100 // Every statement is a constant of the audit; values are bound parameters.
        await using var command = new NpgsqlCommand(sql, connection);
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(map(reader));
        }

        return rows;
    }

    public ValueTask DisposeAsync() => _source.DisposeAsync();
}
