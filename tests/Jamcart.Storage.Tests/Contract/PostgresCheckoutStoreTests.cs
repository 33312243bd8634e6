using Jamcart.Testing;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>The contract on PostgreSQL: each test in a new database of the assembly's test server.</summary>
public sealed class PostgresCheckoutStoreTests(PostgresServer server) : CheckoutStoreContract
{
    protected override DatabaseKind Kind => DatabaseKind.PostgreSql;

    protected override Task<string> NewDatabaseAsync() => server.CreateDatabaseAsync();
}
