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

    [Fact]
    public async Task a_row_another_client_keeps_locked_is_given_up_after_the_lock_timeout_not_the_command_timeout()
    {
        await SeedAsync(("TEA-1", 5));

        // Someone's psql session updated the row by hand and left its transaction open.
        await using var otherClient = await HoldStockRowAsync("TEA-1");

        var waited = System.Diagnostics.Stopwatch.StartNew();
        var conflict = await Should.ThrowAsync<StoreConflictException>(() => PlaceOrderAsync(("TEA-1", 1)));

        conflict.WaitedOut.ShouldBeTrue();
        waited.Elapsed.ShouldBeInRange(TimeSpan.FromSeconds(4), TimeSpan.FromSeconds(15), "the 5 s lock timeout, not the 30 s command timeout");
        await otherClient.CloseAsync();
        (await PlaceOrderAsync(("TEA-1", 1))).Lines.ShouldHaveSingleItem();
    }

    [Fact]
    public async Task a_lock_timeout_the_connection_string_sets_is_kept()
    {
        await SeedAsync(("TEA-1", 5));
        await using var otherClient = await HoldStockRowAsync("TEA-1");

        await using var patient = await CheckoutDatabase.OpenAsync(ConnectionString + ";Options=-c lock_timeout=1s", Time, cancellationToken: Ct);
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await Should.ThrowAsync<StoreConflictException>(() => TryPlaceOrderAsync(patient.Store, Now, ("TEA-1", 1)));

        waited.Elapsed.ShouldBeLessThan(TimeSpan.FromSeconds(4), "two waits of 1 s");
    }

    /// <summary>A connection of another client whose open transaction has updated, and so locks, the SKU's stock row.</summary>
    private async Task<NpgsqlConnection> HoldStockRowAsync(string sku)
    {
        // Unpooled, so that closing it ends the session, and the transaction with it.
        var otherClient = new NpgsqlConnection(ConnectionString + ";Pooling=false");
        await otherClient.OpenAsync(Ct);
        await using var update = new NpgsqlCommand("BEGIN; UPDATE inventory SET on_hand = on_hand + 1 WHERE sku = @sku", otherClient);
        update.Parameters.AddWithValue("sku", sku);
        await update.ExecuteNonQueryAsync(Ct);
        return otherClient;
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
