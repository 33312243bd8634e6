using Jamcart.Testing;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>The contract on PostgreSQL: each test in a new database of the assembly's test server.</summary>
public sealed class PostgresCheckoutStoreTests(PostgresServer server) : CheckoutStoreContract
{
    private const string Template = "jamcart_migrated";

    // Copying a migrated database is quicker than migrating each test's; the migration tests still start empty.
    private static readonly SemaphoreSlim TemplateGate = new(1, 1);
    private static PostgresServer? s_templateServer;

    protected override DatabaseKind Kind => DatabaseKind.PostgreSql;

    protected override Task<string> NewDatabaseAsync() => server.CreateDatabaseAsync();

    protected override async Task<string> NewMigratedDatabaseAsync()
    {
        await TemplateGate.WaitAsync(Ct);
        try
        {
            if (s_templateServer != server)
            {
                await using (await CheckoutDatabase.OpenAsync(await server.CreateDatabaseAsync(Template), Time, cancellationToken: Ct))
                {
                }

                s_templateServer = server;
            }
        }
        finally
        {
            TemplateGate.Release();
        }

        return await server.CloneDatabaseAsync(Template);
    }
}
