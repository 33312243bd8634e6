using Microsoft.Data.Sqlite;

namespace Jamcart.Storage.Sqlite;

/// <summary>
/// A connection that stays open between sessions, with its per-connection pragmas applied once and its commands kept
/// by SQL text (<see cref="LentSqliteCommand"/>). Used by one session at a time, which ends with <see cref="EndSession"/>.
/// </summary>
internal sealed class OpenSqliteConnection : IAsyncDisposable
{
    // Enough for every constant statement of the checkout; SQL built for a number of values (IN lists) beyond this
    // gets a command of its own, disposed when given back, so a long-lived connection never grows.
    private const int MaxKeptCommands = 96;

    private readonly Dictionary<string, SqliteCommand> _kept = new(StringComparer.Ordinal);
    private readonly HashSet<SqliteCommand> _inUse = [];
    private int _session;

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

    /// <summary>A command for <paramref name="sql"/>, prepared already when the SQL was used before on this connection.</summary>
    public LentSqliteCommand Command(string sql)
    {
        if (!_kept.TryGetValue(sql, out var command) || _inUse.Contains(command))
        {
            // The same statement twice at once in one session gets a second command, disposed when given back.
            var keep = command is null && _kept.Count < MaxKeptCommands;
            command = Connection.CreateCommand();
#pragma warning disable CA2100 // Every command text is a constant of this project; values are always bound parameters.
            command.CommandText = sql;
#pragma warning restore CA2100
            if (keep)
            {
                _kept.Add(sql, command);
            }
        }

        _inUse.Add(command);
        return new LentSqliteCommand(this, command, _session);
    }

    /// <summary>A command disposed by its caller: taken back, unless its session already ended.</summary>
    public void GiveBack(LentSqliteCommand lent)
    {
        if (lent.Lease == _session && _inUse.Remove(lent.Command))
        {
            Reset(lent.Command);
        }
    }

    /// <summary>
    /// Ends the current session: every command it still holds is taken back, so that nothing its caller disposes later
    /// touches the connection, which may then serve another session on another thread.
    /// </summary>
    public void EndSession()
    {
        foreach (var command in _inUse)
        {
            Reset(command);
        }

        _inUse.Clear();
        _session++;
    }

    public async ValueTask DisposeAsync()
    {
        EndSession();
        foreach (var command in _kept.Values)
        {
            await command.DisposeAsync();
        }

        _kept.Clear();
        await Connection.DisposeAsync();
    }

    private void Reset(SqliteCommand command)
    {
        if (_kept.TryGetValue(command.CommandText, out var kept) && kept == command)
        {
            command.Parameters.Clear();
            command.Transaction = null;
        }
        else
        {
            command.Dispose();
        }
    }
}
