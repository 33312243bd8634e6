using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Support;

/// <summary>The host on a fresh SQLite file, deleted afterwards.</summary>
public class SqliteApi : ApiFixture
{
    private string? _folder;

    protected override Task<string> CreateDatabaseAsync()
    {
        _folder = Directory.CreateTempSubdirectory("jamcart-functions-").FullName;
        return Task.FromResult("Data Source=" + Path.Combine(_folder, "orders.db"));
    }

    protected override Task DropDatabaseAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_folder is not null && Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }

        return Task.CompletedTask;
    }
}

/// <summary>The host on a fresh database of the test run's PostgreSQL server.</summary>
public class PostgresApi(PostgresServer server) : ApiFixture
{
    protected override Task<string> CreateDatabaseAsync() => server.CreateDatabaseAsync();
}

/// <summary>The host on SQLite, served by Kestrel on a loopback port: for what only a real server does.</summary>
public sealed class SqliteKestrelApi : SqliteApi
{
    protected override bool RealNetwork => true;
}

/// <summary>The host on PostgreSQL, served by Kestrel on a loopback port.</summary>
public sealed class PostgresKestrelApi(PostgresServer server) : PostgresApi(server)
{
    protected override bool RealNetwork => true;
}
