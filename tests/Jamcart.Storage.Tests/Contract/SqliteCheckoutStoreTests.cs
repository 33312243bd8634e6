using Jamcart.Checkout.Storage;
using Jamcart.Storage.Sqlite;
using Jamcart.Storage.Tests.Builders;
using Jamcart.Storage.Tests.Support;

using Microsoft.Data.Sqlite;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>The contract on SQLite, each test in a new file of a temporary folder; and what only SQLite does.</summary>
public sealed class SqliteCheckoutStoreTests : CheckoutStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jamcart-sqlite-").FullName;

    protected override DatabaseKind Kind => DatabaseKind.Sqlite;

    protected override Task<string> NewDatabaseAsync() => Task.FromResult("sqlite:" + NewPath());

    protected override async Task<List<object?[]>> RowsOnAsync(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new SqliteConnection($"Data Source={connectionString["sqlite:".Length..]};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue("@" + name, value);
        }

        return await ContractRows.ReadAsync(await command.ExecuteReaderAsync(Ct), Ct);
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task the_database_file_is_in_write_ahead_logging_mode()
    {
        var path = NewPath();
        await using (await CheckoutDatabase.OpenAsync("sqlite:" + path, Time, cancellationToken: Ct))
        {
        }

        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(Ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        (await command.ExecuteScalarAsync(Ct)).ShouldBe("wal");
    }

    [Fact]
    public async Task committed_writes_reach_the_database_file_itself_soon_after_while_it_stays_open()
    {
        // The writer's own checkpoint comes only after 10,000 pages of log: a few events reach the file itself (not
        // just its write-ahead log) only through the background checkpoint.
        var path = NewPath();
        await using var database = await CheckoutDatabase.OpenAsync("sqlite:" + path, Time, cancellationToken: Ct);
        for (var i = 0; i < 3; i++)
        {
            await using var transaction = await database.Store.BeginAsync(Ct);
            await transaction.TryRecordEventAsync($"evt_{i}", "payment_intent.succeeded", Now, Ct);
            await transaction.CommitAsync(Ct);
        }

        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        long inFile;
        do
        {
            await Task.Delay(SqliteCheckpointer.Interval, Ct);
            inFile = await CountEventsInFileAloneAsync(path);
        }
        while (inFile < 3 && DateTime.UtcNow < deadline);

        inFile.ShouldBe(3);
    }

    [Fact]
    public async Task a_writer_held_past_the_busy_timeout_gives_up_with_a_store_conflict()
    {
        var connectionString = $"Data Source={NewPath()};Default Timeout=1";
        await using var database = await CheckoutDatabase.OpenAsync(connectionString, Time, cancellationToken: Ct);
        await using var otherProcess = await CheckoutDatabase.OpenAsync(connectionString, Time, cancellationToken: Ct);
        await using var holder = await database.Store.BeginAsync(Ct);
        await holder.TryRecordEventAsync("evt_1", "payment_intent.succeeded", Now, Ct);

        await Should.ThrowAsync<StoreConflictException>(() => database.Store.BeginAsync(Ct));
        await Should.ThrowAsync<StoreConflictException>(() => otherProcess.Store.BeginAsync(Ct));

        await holder.CommitAsync(Ct);
        await using var next = await otherProcess.Store.BeginAsync(Ct);
        (await next.TryRecordEventAsync("evt_1", "payment_intent.succeeded", Now, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task writes_that_share_a_commit_keep_or_lose_only_their_own_changes()
    {
        // More writers than one shared commit holds, all at once: they queue, and consecutive ones share commits.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(async () =>
        {
            await using var transaction = await Store.BeginAsync(Ct);
            await transaction.TryRecordEventAsync($"evt_{i}", "payment_intent.succeeded", Now, Ct);
            if (i % 3 == 0)
            {
                // Rolled back while later writers wait to continue the same SQLite transaction.
                return false;
            }

            await transaction.CommitAsync(Ct);
            return true;
        }, Ct)));

        // Read from another connection: what each commit returned for is in the file, the rest is not.
        await using var otherProcess = await CheckoutDatabase.OpenAsync(ConnectionString, Time, cancellationToken: Ct);
        for (var i = 0; i < outcomes.Length; i++)
        {
            await using var check = await otherProcess.Store.BeginAsync(Ct);
            (await check.TryRecordEventAsync($"evt_{i}", "payment_intent.succeeded", Now, Ct)).ShouldBe(!outcomes[i], $"evt_{i}");
        }
    }

    [Fact]
    public async Task a_write_sees_what_the_write_before_it_did_in_the_same_shared_commit()
    {
        await SeedAsync(("TEA-1", 3));
        var orders = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ => Task.Run(() => TryPlaceOrderAsync(Store, Now, ("TEA-1", 1)), Ct)));

        orders.Count(order => order is not null).ShouldBe(3);
        var level = (await Store.GetInventoryAsync(["TEA-1"], Now, Ct))["TEA-1"];
        level.Reserved.ShouldBe(3);
        level.Available.ShouldBe(0);
    }

    [Fact]
    public async Task a_write_that_saw_an_earlier_uncommitted_write_ends_only_once_that_one_is_committed()
    {
        await SeedAsync(("TEA-1", 5));
        var first = await Store.BeginAsync(Ct);
        var order = TestOrders.Pending(Now, ("TEA-1", 1));
        await first.InsertOrderAsync(order, Ct);

        // Queued behind the first: the second looks at the order, the third keeps the shared transaction open.
        var checkedOrder = new TaskCompletionSource();
        var second = Task.Run(async () =>
        {
            await using (var transaction = await Store.BeginAsync(Ct))
            {
                (await transaction.GetOrderForUpdateAsync(order.Id, Ct)).ShouldNotBeNull();
            }

            // Ended without a commit, after reading the first write's order: that order must now be in the file.
            var seen = await Store.GetOrderAsync(order.Id, Ct);
            checkedOrder.SetResult();
            return seen;
        }, Ct);
        await Task.Delay(200, Ct);
        var third = Task.Run(async () =>
        {
            await using var transaction = await Store.BeginAsync(Ct);
            await Task.WhenAny(checkedOrder.Task, Task.Delay(TimeSpan.FromSeconds(1), Ct));
        }, Ct);
        await Task.Delay(200, Ct);

        await first.CommitAsync(Ct);
        await first.DisposeAsync();
        (await second).ShouldNotBeNull();
        await third;
    }

    /// <summary>Events in a copy of the database file without its write-ahead log; -1 while a copy is caught mid-write.</summary>
    private async Task<long> CountEventsInFileAloneAsync(string path)
    {
        var copy = NewPath();
        File.Copy(path, copy);
        try
        {
            await using var connection = new SqliteConnection($"Data Source={copy};Pooling=False");
            await connection.OpenAsync(Ct);
            await using var command = connection.CreateCommand();
            command.CommandText = "SELECT count(*) FROM processed_events";
            return (long)(await command.ExecuteScalarAsync(Ct))!;
        }
        catch (SqliteException)
        {
            return -1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in Directory.EnumerateFiles(_folder, Path.GetFileName(copy) + "*"))
            {
                File.Delete(file);
            }
        }
    }

    private string NewPath() => Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
}
