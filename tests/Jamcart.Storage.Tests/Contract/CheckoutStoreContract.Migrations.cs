using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    private static readonly string[] AllMigrations = ["0001_initial", "0002_rate_limits", "0003_receipts", "0004_purge_indexes", "0005_refund_sequence", "0006_refund_status", "0007_disputes", "0008_units_returned", "0009_sealed_idempotency_answers", "0010_indexes_in_time_order", "0011_idempotency_record_order", "0012_refund_request_key", "0013_refund_attempts", "0014_receipt_withheld"];

    [Fact]
    public async Task migrations_are_applied_once()
    {
        await using var database = await CheckoutDatabase.OpenAsync(await NewDatabaseAsync(), Time, migrate: false, cancellationToken: Ct);

        (await database.MigrateAsync(Ct)).ShouldBe(AllMigrations);
        (await database.MigrateAsync(Ct)).ShouldBeEmpty();
        (await Database.MigrateAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task processes_starting_at_once_on_a_fresh_database_apply_each_migration_once()
    {
        var connectionString = await NewDatabaseAsync();
        var processes = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ =>
            Task.Run(() => CheckoutDatabase.OpenAsync(connectionString, Time, migrate: false, cancellationToken: Ct), Ct)));
        try
        {
            var applied = await Task.WhenAll(processes.Select(process => Task.Run(() => process.MigrateAsync(Ct), Ct)));

            applied.SelectMany(names => names).ShouldBe(AllMigrations);
            foreach (var process in processes)
            {
                (await process.Store.GetSettingsAsync(Ct)).ShouldBeNull();
            }
        }
        finally
        {
            foreach (var process in processes)
            {
                await process.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task a_database_a_newer_jamcart_migrated_is_refused_and_left_as_it_is()
    {
        var connectionString = await NewDatabaseAsync();
        await using (await CheckoutDatabase.OpenAsync(connectionString, Time, cancellationToken: Ct))
        {
        }

        await RowsOnAsync(connectionString, "INSERT INTO schema_migrations (name, applied_at) VALUES ('0099_from_a_newer_version', 0)");

        var refused = await Should.ThrowAsync<SchemaTooNewException>(() => CheckoutDatabase.OpenAsync(connectionString, Time, cancellationToken: Ct));
        refused.Message.ShouldContain("0099_from_a_newer_version");
        CheckoutDatabase.CannotOpen(refused).ShouldBeTrue("commands and hosts report it in one line");
        await using var unmigrated = await CheckoutDatabase.OpenAsync(connectionString, Time, migrate: false, cancellationToken: Ct);
        await Should.ThrowAsync<SchemaTooNewException>(() => unmigrated.MigrateAsync(Ct));
        (await RowsOnAsync(connectionString, "SELECT COUNT(*) FROM schema_migrations")).Single()[0].ShouldBe(AllMigrations.Length + 1L);
    }

    [Fact]
    public async Task a_current_schema_is_checked_without_waiting_for_the_write_lock()
    {
        var connectionString = await NewDatabaseAsync();
        await using var other = await CheckoutDatabase.OpenAsync(connectionString, Time, cancellationToken: Ct);

        // Another process holds the lock a migration takes (SQLite's write lock, PostgreSQL's advisory lock).
        await using var migrating = await other.Dialect.BeginWriteAsync(Ct);
        await other.Dialect.LockForMigrationAsync(migrating, Ct);
        await using var reader = await CheckoutDatabase.OpenAsync(connectionString, Time, migrate: false, cancellationToken: Ct);

        (await reader.MigrateAsync(Ct).WaitAsync(TimeSpan.FromSeconds(3), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task opening_with_migrations_on_makes_a_usable_store()
    {
        await using var database = await CheckoutDatabase.OpenAsync(await NewDatabaseAsync(), Time, cancellationToken: Ct);

        (await database.MigrateAsync(Ct)).ShouldBeEmpty();
        (await database.Store.ListPendingOutboxAsync(1, Ct)).ShouldBeEmpty();
    }
}
