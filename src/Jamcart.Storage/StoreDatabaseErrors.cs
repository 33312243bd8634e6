using System.Data.Common;

using Jamcart.Storage.Sqlite;

using Microsoft.Data.Sqlite;

using Npgsql;

namespace Jamcart.Storage;

/// <summary>Which database errors mean the store database cannot serve now, as opposed to a statement that is wrong (a bug).</summary>
public static class StoreDatabaseErrors
{
    /// <summary>
    /// Whether <paramref name="exception"/> says the database did not answer or cannot take the request now (down,
    /// cut off, refusing the login, missing, out of space or connections, read-only), so that the same request may
    /// succeed once it is back; false for errors of the statement itself.
    /// </summary>
    /// <remarks>
    /// The drivers' own <see cref="DbException.IsTransient"/> leaves out outages that last until someone acts (a
    /// password changed at the server, a database dropped or renamed, a full disk, an operator's shutdown): to a buyer
    /// they are the same outage, and a retry later is the right advice, not "a bug".
    /// </remarks>
    public static bool MeansUnavailable(DbException exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception.IsTransient)
        {
            return true;
        }

        return exception switch
        {
            PostgresException postgres => PostgresUnavailable(postgres.SqlState),
            // Without a server's SQLSTATE, Npgsql failed on the wire or while connecting (a broken stream, a refused TLS).
            NpgsqlException => true,
            // A file that cannot be read or written now: no permission, held past the busy timeout, read-only, an I/O
            // error, the disk full, not openable, a locking race. Microsoft.Data.Sqlite calls none transient, not even busy.
            SqliteException sqlite => sqlite.SqliteErrorCode is SqliteErrorCodes.Perm or SqliteErrorCodes.Busy or SqliteErrorCodes.Locked
                or SqliteErrorCodes.ReadOnly or SqliteErrorCodes.IoErr or SqliteErrorCodes.Full or SqliteErrorCodes.CantOpen or SqliteErrorCodes.Protocol,
            _ => false,
        };
    }

    // SQLSTATE classes and codes (https://www.postgresql.org/docs/current/errcodes-appendix.html): 08 connection
    // exception, 28 invalid authorization, 3D000 no such database, 53 insufficient resources (disk, memory,
    // connections), 57014 a statement canceled by the server's statement_timeout, 57P01–57P05 operator intervention
    // (shutdown, crash, starting up, database dropped, idle session ended), 58 system error (I/O).
    private static bool PostgresUnavailable(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal)
        || sqlState.StartsWith("28", StringComparison.Ordinal)
        || sqlState == PostgresErrorCodes.InvalidCatalogName
        || sqlState.StartsWith("53", StringComparison.Ordinal)
        || sqlState == PostgresErrorCodes.QueryCanceled
        || sqlState.StartsWith("57P", StringComparison.Ordinal)
        || sqlState.StartsWith("58", StringComparison.Ordinal);
}
