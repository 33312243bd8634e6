using System.Diagnostics;

using Jamcart.Storage.Leases;
using Jamcart.Testing;

using Npgsql;

using Shouldly;

namespace Jamcart.Storage.Tests.Leases;

/// <summary>One active worker per store database: the lease on SQLite (the processes of one machine) and on PostgreSQL (any hosts).</summary>
public sealed class WorkerLeaseTests(PostgresServer postgres) : IAsyncDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("jamcart-lease-").FullName;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static TheoryData<string> Databases => ["sqlite", "postgres"];

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task one_instance_holds_the_lease_until_it_releases_it(string kind)
    {
        var connectionString = await DatabaseAsync(kind);
        await using var first = await CheckoutDatabase.OpenAsync(connectionString, TimeProvider.System, cancellationToken: Ct);
        await using var second = await CheckoutDatabase.OpenAsync(connectionString, TimeProvider.System, cancellationToken: Ct);
        await using var a = first.CreateLease("rebuild");
        await using var b = second.CreateLease("rebuild");
        await using var other = second.CreateLease("another-worker");

        (await a.TryAcquireAsync(Ct)).ShouldBeTrue();
        (await a.TryAcquireAsync(Ct)).ShouldBeTrue("holding it already");
        (await b.TryAcquireAsync(Ct)).ShouldBeFalse();
        (await other.TryAcquireAsync(Ct)).ShouldBeTrue("another name is another lease");
        (await a.IsHeldAsync(Ct)).ShouldBeTrue();
        (await b.IsHeldAsync(Ct)).ShouldBeFalse();

        await a.ReleaseAsync(Ct);

        (await a.IsHeldAsync(Ct)).ShouldBeFalse();
        (await b.TryAcquireAsync(Ct)).ShouldBeTrue();
    }

    [Fact]
    public async Task a_holder_whose_postgres_session_dies_loses_the_lease_and_another_takes_it()
    {
        var connectionString = await DatabaseAsync("postgres");
        await using var first = await CheckoutDatabase.OpenAsync(connectionString, TimeProvider.System, cancellationToken: Ct);
        await using var second = await CheckoutDatabase.OpenAsync(connectionString, TimeProvider.System, cancellationToken: Ct);
        await using var a = first.CreateLease("rebuild");
        await using var b = second.CreateLease("rebuild");
        (await a.TryAcquireAsync(Ct)).ShouldBeTrue();

        // What a crashed host looks like to the server: the holding session ends.
        await using (var admin = new NpgsqlConnection(connectionString + ";Pooling=false"))
        {
            await admin.OpenAsync(Ct);
            // Only this test's database: other test classes hold leases on the same server at the same time.
            await using var kill = new NpgsqlCommand(
                "SELECT pg_terminate_backend(pid) FROM pg_locks WHERE locktype = 'advisory' AND granted AND pid <> pg_backend_pid() "
                + "AND database = (SELECT oid FROM pg_database WHERE datname = current_database())", admin);
            await kill.ExecuteNonQueryAsync(Ct);
        }

        await WaitUntilAsync(() => b.TryAcquireAsync(Ct));
        (await a.IsHeldAsync(Ct)).ShouldBeFalse();
        (await a.TryAcquireAsync(Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task on_sqlite_the_lease_is_held_across_processes_until_its_holder_dies()
    {
        await using var database = await CheckoutDatabase.OpenAsync(await DatabaseAsync("sqlite"), TimeProvider.System, cancellationToken: Ct);
        await using var lease = database.CreateLease("rebuild");
        var lockFile = FileLockLease.PathFor(Path.Combine(_folder, "store.db"), "rebuild");

        // Held here: another process cannot take it (flock(1) locks as .NET does on Linux).
        (await lease.TryAcquireAsync(Ct)).ShouldBeTrue();
        (await RunToExitAsync("flock", "--nonblock", lockFile, "true")).ShouldBe(1, "the lock is taken");
        await lease.ReleaseAsync(Ct);
        (await RunToExitAsync("flock", "--nonblock", lockFile, "true")).ShouldBe(0, "released");

        // Held by another process: not here, until that process dies.
        using var other = Process.Start(new ProcessStartInfo("flock", ["--nonblock", lockFile, "sh", "-c", "echo held; exec sleep 60"])
        {
            RedirectStandardOutput = true,
        })!;
        (await other.StandardOutput.ReadLineAsync(Ct)).ShouldBe("held");
        (await lease.TryAcquireAsync(Ct)).ShouldBeFalse();
        (await lease.IsHeldAsync(Ct)).ShouldBeFalse();
        other.Kill(entireProcessTree: true);
        await other.WaitForExitAsync(Ct);
        await WaitUntilAsync(() => lease.TryAcquireAsync(Ct));
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return ValueTask.CompletedTask;
    }

    private async Task<string> DatabaseAsync(string kind) =>
        kind == "sqlite" ? "sqlite:" + Path.Combine(_folder, "store.db") : await postgres.CreateDatabaseAsync();

    private static async Task<int> RunToExitAsync(string program, params string[] arguments)
    {
        using var process = Process.Start(new ProcessStartInfo(program, arguments))!;
        await process.WaitForExitAsync(Ct);
        return process.ExitCode;
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (!await condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, "the lease was not freed");
            await Task.Delay(50, Ct);
        }
    }
}
