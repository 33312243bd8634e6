using System.Data.Common;

using Microsoft.Data.Sqlite;

using Npgsql;

namespace Jamcart.Storage.Connections;

/// <summary>
/// Reads the store database setting: <c>sqlite:&lt;path&gt;</c> or <c>Data Source=&lt;path&gt;</c> for SQLite;
/// <c>postgres://user:password@host:port/database?option=value</c> (or <c>postgresql://</c>) or
/// <c>Host=…;Database=…</c> for PostgreSQL.
/// </summary>
/// <remarks>
/// Error messages never quote the connection string or any part of it that could be a password: they end up in logs
/// and on build consoles. Inner provider exceptions are dropped for the same reason.
/// </remarks>
internal static class ConnectionStrings
{
    private const string Forms =
        "Use \"sqlite:<path>\" or \"Data Source=<path>\" for SQLite, and \"postgres://user:password@host:port/database\" "
        + "or \"Host=<host>;Database=<database>;Username=<user>;Password=<password>\" for PostgreSQL.";

    private static readonly string[] SqliteKeys = ["data source", "datasource", "filename"];
    private static readonly string[] PostgresKeys = ["host", "server"];

    /// <exception cref="ArgumentException">The string is none of the accepted forms.</exception>
    public static ConnectionTarget Parse(string connectionString)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw Invalid("The store database connection string is empty.");
        }

        var text = connectionString.Trim();
        if (text.StartsWith("sqlite:", StringComparison.OrdinalIgnoreCase))
        {
            var path = text["sqlite:".Length..];
            if (path.StartsWith("//", StringComparison.Ordinal))
            {
                // Read as a URL, sqlite://host/file names a file on another machine; read as a path, it is /host/file
                // on this one, made silently at the root. Neither is what it says, so it is refused.
                throw Invalid(
                    "A \"sqlite://\" URL names a host, and a SQLite database must be a file on this machine: write "
                    + "\"sqlite:/absolute/path.db\" or \"sqlite:relative/path.db\" (one slash or none after \"sqlite:\"), "
                    + "or use PostgreSQL to share one database between machines.");
            }

            return Sqlite(new SqliteConnectionStringBuilder { DataSource = path });
        }

        if (text.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase) || text.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return new ConnectionTarget(DatabaseKind.PostgreSql, PostgresUrl.ToConnectionString(text));
        }

        var keys = KeysOf(text);
        if (keys.Overlaps(PostgresKeys))
        {
            return new ConnectionTarget(DatabaseKind.PostgreSql, PostgresKeywords(text));
        }

        if (keys.Overlaps(SqliteKeys))
        {
            return Sqlite(SqliteKeywords(text));
        }

        throw Invalid("The store database connection string names neither a SQLite file nor a PostgreSQL host.");
    }

    internal static ArgumentException Invalid(string problem) => new($"{problem} {Forms}");

    private static ConnectionTarget Sqlite(SqliteConnectionStringBuilder settings)
    {
        var path = settings.DataSource.Trim();
        if (path.Length == 0 || path == ":memory:" || settings.Mode == SqliteOpenMode.Memory)
        {
            throw Invalid("The SQLite connection string names no database file (an in-memory database would be a different one on every connection).");
        }

        // Microsoft.Data.Sqlite would take it and fail only when opening, with an exception of no known kind: a crash
        // with a stack trace instead of a line saying what to change.
        if (!string.IsNullOrEmpty(settings.Password))
        {
            throw Invalid(
                "The SQLite connection string sets a password, which only an encrypting build of SQLite reads, and Jamcart's "
                + "is not one: leave it out and keep the file private with its folder's permissions.");
        }

        settings.DataSource = path.StartsWith(@"\\", StringComparison.Ordinal) ? path : Path.GetFullPath(path);
        return new ConnectionTarget(DatabaseKind.Sqlite, settings.ToString());
    }

    private static HashSet<string> KeysOf(string text)
    {
        var builder = new DbConnectionStringBuilder();
        try
        {
            builder.ConnectionString = text;
        }
        catch (ArgumentException)
        {
            throw Invalid("The store database connection string is not in the form key=value;key=value.");
        }

        return builder.Keys.Cast<string>().Select(key => key.Trim().ToLowerInvariant()).ToHashSet(StringComparer.Ordinal);
    }

    private static string PostgresKeywords(string text)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(text);
        }
        catch (ArgumentException)
        {
            throw Invalid("The PostgreSQL connection string has a setting Npgsql does not accept.");
        }

        return string.IsNullOrWhiteSpace(builder.Database)
            ? throw Invalid("The PostgreSQL connection string names no database (Database=…).")
            : builder.ConnectionString;
    }

    private static SqliteConnectionStringBuilder SqliteKeywords(string text)
    {
        try
        {
            return new SqliteConnectionStringBuilder(text);
        }
        catch (Exception e) when (e is ArgumentException or FormatException or OverflowException)
        {
            // Unlike Npgsql, Microsoft.Data.Sqlite converts a value of the wrong type (Pooling=maybe, Default Timeout=abc,
            // a number too large) with the type's own parser, whose exceptions are not ArgumentException.
            throw Invalid("The SQLite connection string has a setting Microsoft.Data.Sqlite does not accept.");
        }
    }
}
