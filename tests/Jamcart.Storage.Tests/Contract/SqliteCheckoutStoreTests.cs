using Jamcart.Checkout.Storage;

using Microsoft.Data.Sqlite;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

/// <summary>The contract on SQLite, each test in a new file of a temporary folder; and what only SQLite does.</summary>
public sealed class SqliteCheckoutStoreTests : CheckoutStoreContract
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jamcart-sqlite-").FullName;

    protected override DatabaseKind Kind => DatabaseKind.Sqlite;

    protected override Task<string> NewDatabaseAsync() => Task.FromResult("sqlite:" + NewPath());

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

    private string NewPath() => Path.Combine(_folder, $"{Guid.NewGuid():N}.db");
}
