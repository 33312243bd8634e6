using Jamcart.Testing;

using Npgsql;

namespace Jamcart.Functions.Tests.Support;

/// <summary>
/// A real outage of a test database: PostgreSQL refuses new connections to it and cuts the open ones, so the host
/// meets the same errors it would when its database goes away, with nothing faked in between.
/// </summary>
public sealed class DatabaseOutage(PostgresServer server, string connectionString)
{
    private readonly string _database = new NpgsqlConnectionStringBuilder(connectionString).Database!;

    public async Task BeginAsync()
    {
        await ExecuteAsync($"""ALTER DATABASE "{_database}" WITH ALLOW_CONNECTIONS false""");
        await ExecuteAsync($"SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '{_database}' AND pid <> pg_backend_pid()");
    }

    public Task EndAsync() => ExecuteAsync($"""ALTER DATABASE "{_database}" WITH ALLOW_CONNECTIONS true""");

    /// <summary>
    /// The database goes away under its name (as when it is dropped, or the host's setting names the wrong one): a new
    /// connection is refused with "database does not exist", an error PostgreSQL does not call transient.
    /// </summary>
    public async Task BeginMissingAsync()
    {
        await BeginAsync();
        await ExecuteAsync($"""ALTER DATABASE "{_database}" RENAME TO "{_database}_away" """);
    }

    public async Task EndMissingAsync()
    {
        await ExecuteAsync($"""ALTER DATABASE "{_database}_away" RENAME TO "{_database}" """);
        await EndAsync();
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(server.ConnectionString("postgres"));
        await connection.OpenAsync(TestContext.Current.CancellationToken);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
    }
}
