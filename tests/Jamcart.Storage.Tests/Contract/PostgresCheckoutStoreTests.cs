using Jamcart.Checkout.Storage;
using Jamcart.Storage.Tests.Support;
using Jamcart.Testing;

using Npgsql;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>
/// The contract on PostgreSQL, and what only PostgreSQL does. The class creates one database on the assembly's test
/// server and empties it before each test (far quicker than a database per test); the migration tests still start
/// from new, empty databases.
/// </summary>
public sealed class PostgresCheckoutStoreTests(PostgresServer server) : CheckoutStoreContract
{
    private static readonly SemaphoreSlim ClassDatabaseGate = new(1, 1);
    private static (PostgresServer Server, string ConnectionString)? s_classDatabase;

    protected override DatabaseKind Kind => DatabaseKind.PostgreSql;

    protected override Task<string> NewDatabaseAsync() => server.CreateDatabaseAsync();

    protected override async Task<List<object?[]>> RowsOnAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(Ct);
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value);
        }

        return await ContractRows.ReadAsync(await command.ExecuteReaderAsync(Ct), Ct);
    }

    protected override async Task<string> NewMigratedDatabaseAsync()
    {
        await ClassDatabaseGate.WaitAsync(Ct);
        try
        {
            if (s_classDatabase is not { } database || database.Server != server)
            {
                var connectionString = await server.CreateDatabaseAsync();
                await using (await CheckoutDatabase.OpenAsync(connectionString, Time, cancellationToken: Ct))
                {
                }

                s_classDatabase = database = (server, connectionString);
            }

            await PostgresServer.EmptyTablesAsync(database.ConnectionString, keep: "schema_migrations");
            return database.ConnectionString;
        }
        finally
        {
            ClassDatabaseGate.Release();
        }
    }

    [Fact]
    public async Task a_deadlock_between_two_transactions_becomes_a_store_conflict()
    {
        await SeedAsync(("TEA-1", 5));
        var a = await PlaceOrderAsync(("TEA-1", 1));
        var b = await PlaceOrderAsync(("TEA-1", 1));
        await using var first = await Store.BeginAsync(Ct);
        await using var second = await Store.BeginAsync(Ct);
        await first.GetOrderForUpdateAsync(a.Id, Ct);
        await second.GetOrderForUpdateAsync(b.Id, Ct);

        // Each now waits for the row the other holds; PostgreSQL rolls one back, and the other goes on.
        var outcomes = await Task.WhenAll(Task.Run(() => LockAsync(first, b.Id), Ct), Task.Run(() => LockAsync(second, a.Id), Ct));

        outcomes.Count(conflict => conflict).ShouldBe(1);
    }

    /// <summary>Locks the order; true when the database gave up because of the other transaction.</summary>
    private static async Task<bool> LockAsync(ICheckoutTransaction transaction, string orderId)
    {
        try
        {
            await transaction.GetOrderForUpdateAsync(orderId, Ct);
            await transaction.CommitAsync(Ct);
            return false;
        }
        catch (StoreConflictException)
        {
            await transaction.DisposeAsync();
            return true;
        }
    }
}
