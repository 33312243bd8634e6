using System.Data.Common;

using Microsoft.Data.Sqlite;

namespace Jamcart.Storage.Sqlite;

/// <summary>
/// A connection that stays open between sessions, with its per-connection pragmas applied once and its commands kept
/// (<see cref="KeptSqliteCommand"/>) by SQL text. Used by one session at a time.
/// </summary>
internal sealed class OpenSqliteConnection : IAsyncDisposable
{
    // Enough for every constant statement of the checkout; SQL built for a number of values (IN lists) beyond this
    // gets a command of its own, prepared and disposed as before, so a long-lived connection never grows.
    private const int MaxKeptCommands = 96;

    private readonly Dictionary<string, KeptSqliteCommand> _commands = new(StringComparer.Ordinal);

    private OpenSqliteConnection(SqliteConnection connection)
    {
        Connection = connection;
    }

    public SqliteConnection Connection { get; }

    /// <summary>Whether the connection can serve another session: open, and with no transaction left over.</summary>
    public bool Reusable =>
        Connection.State == System.Data.ConnectionState.Open && SQLitePCL.raw.sqlite3_get_autocommit(Connection.Handle) != 0;

    public static async Task<OpenSqliteConnection> OpenAsync(string connectionString, string pragmas, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken);
            await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // The pragmas are built from numbers by the dialect, never from input.
            command.CommandText = pragmas;
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(cancellationToken);
            return new OpenSqliteConnection(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public DbCommand Command(string sql)
    {
        if (_commands.TryGetValue(sql, out var kept))
        {
            if (kept.InUse)
            {
                // The same statement twice at once in one session: the second gets a command of its own.
                return NewCommand(sql);
            }
        }
        else if (_commands.Count < MaxKeptCommands)
        {
            kept = new KeptSqliteCommand(sql, Connection);
            _commands.Add(sql, kept);
        }
        else
        {
            return NewCommand(sql);
        }

        kept.InUse = true;
        return kept;
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            command.Retire();
        }

        _commands.Clear();
        await Connection.DisposeAsync();
    }

    private SqliteCommand NewCommand(string sql)
    {
        var command = Connection.CreateCommand();
#pragma warning disable CA2100 // Every command text is a constant of this project; values are always bound parameters.
        command.CommandText = sql;
#pragma warning restore CA2100
        return command;
    }
}
