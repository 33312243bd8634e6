using System.Diagnostics;

using Jamcart.Bench.Scale;
using Jamcart.Testing;

using Shouldly;

namespace Jamcart.Worker.Tests.Scale;

/// <summary>
/// The many-instances chaos run of <c>bench/scale/run.sh</c> at a test's size: three functions instances and two
/// rebuild workers as processes on one PostgreSQL database, buyers spread over the instances, a flash sale, and SIGKILL
/// for an instance (with checkouts half-done) and for the active worker. Every check of the run must pass: exactly the
/// stock sold, every order ended and its payment agreeing, every sale published by the standby, no entry rebuilt twice.
/// </summary>
public sealed class ManyInstancesTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task three_instances_and_two_workers_sell_exactly_the_stock_and_lose_nothing_when_an_instance_and_the_active_worker_are_killed()
    {
        var work = Directory.CreateTempSubdirectory("jamcart-scale-").FullName;
        var options = ScaleOptions.Small(
            jamcart: Path.Combine(AppContext.BaseDirectory, "jamcart"),
            functions: Path.Combine(AppContext.BaseDirectory, "Jamcart.Functions"),
            database: await postgres.CreateDatabaseAsync(),
            workFolder: work) with
        {
            Progress = line => TestContext.Current.SendDiagnosticMessage(line),
        };
        var started = Stopwatch.GetTimestamp();

        var report = await ScaleScenario.RunAsync(options, Ct);

        var summary = report.Summary();
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        report.Violations.ShouldBeEmpty($"{summary}\nprocess logs: {Path.Combine(work, "logs")}");
        report.Checks.ShouldBe(15);
        Stopwatch.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(60), "the scenario's own time, without the test host's start-up");
        Directory.Delete(work, recursive: true);
    }
}
