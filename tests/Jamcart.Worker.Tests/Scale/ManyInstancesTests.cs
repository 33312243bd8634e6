using System.Diagnostics;

using Jamcart.Bench.Scale;
using Jamcart.Testing;
using Jamcart.Worker.Receipts;
using Jamcart.Worker.Tests.Receipts;

using Npgsql;

using Shouldly;

namespace Jamcart.Worker.Tests.Scale;

/// <summary>
/// The many-instances chaos run of <c>bench/scale/run.sh</c> at a test's size: three functions instances and two
/// rebuild workers as processes on one PostgreSQL database, buyers spread over the instances, a flash sale, and SIGKILL
/// for an instance (with checkouts half-done) and for the active worker. Every check of the run must pass: exactly the
/// stock sold, every order ended and its payment agreeing, every sale published by the standby, no entry rebuilt twice.
/// The workers also send receipts, to an SMTP server in this test process: exactly one receipt entry per paid order,
/// every one done, and one message per paid order (a second copy only from the killed worker's window, with the same
/// Message-ID).
/// </summary>
public sealed class ManyInstancesTests(PostgresServer postgres)
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task three_instances_and_two_workers_sell_exactly_the_stock_and_lose_nothing_when_an_instance_and_the_active_worker_are_killed()
    {
        var work = Directory.CreateTempSubdirectory("jamcart-scale-").FullName;
        var database = await postgres.CreateDatabaseAsync();
        var options = ScaleOptions.Small(
            jamcart: Path.Combine(AppContext.BaseDirectory, "jamcart"),
            functions: Path.Combine(AppContext.BaseDirectory, "Jamcart.Functions"),
            database: database,
            workFolder: work) with
        {
            Progress = line => TestContext.Current.SendDiagnosticMessage(line),
        };
        await using var smtp = await SmtpReceiver.StartAsync(TestContext.Current.CancellationToken);
        var started = Stopwatch.GetTimestamp();

        // The worker processes inherit this process's environment: their receipt senders deliver to the receiver.
        ScaleReport report;
        Environment.SetEnvironmentVariable(SmtpSettings.EnvironmentVariable, smtp.Url);
        try
        {
            report = await ScaleScenario.RunAsync(options, Ct);
        }
        finally
        {
            Environment.SetEnvironmentVariable(SmtpSettings.EnvironmentVariable, null);
        }

        var summary = report.Summary();
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        report.Violations.ShouldBeEmpty($"{summary}\nprocess logs: {Path.Combine(work, "logs")}");
        report.Checks.ShouldBe(15);
        Stopwatch.GetElapsedTime(started).ShouldBeLessThan(TimeSpan.FromSeconds(60), "the scenario's own time, without the test host's start-up");
        await ShouldHaveSentOneReceiptPerPaidOrderAsync(database, smtp);
        Directory.Delete(work, recursive: true);
    }

    private static async Task ShouldHaveSentOneReceiptPerPaidOrderAsync(string database, SmtpReceiver smtp)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync(Ct);
        var paid = await ReadAsync(connection, "SELECT id FROM orders WHERE paid_at IS NOT NULL", row => row.GetString(0));
        var entries = await ReadAsync(connection, "SELECT order_id, done_at IS NOT NULL FROM outbox WHERE kind = 'receipt.send'",
            row => (OrderId: row.GetString(0), Done: row.GetBoolean(1)));

        paid.ShouldNotBeEmpty();
        entries.Select(entry => entry.OrderId).ShouldBe(paid, ignoreOrder: true, "one receipt entry per paid order");
        entries.ShouldAllBe(entry => entry.Done);
        var received = smtp.Messages.Select(message => message.MessageId!.Split('@')[0]).ToList();
        received.Distinct().ShouldBe(paid.Select(id => "receipt." + id), ignoreOrder: true, "one receipt per paid order");
        // Delivery is at least once: what the killed worker had in flight (sent, not yet marked) goes again, under
        // the same Message-ID. One kill of the active worker in the scenario: at most its concurrency.
        (received.Count - paid.Count).ShouldBeLessThanOrEqualTo(ReceiptSenderOptions.DefaultConcurrency, "only receipts in flight at the worker's kill may have gone twice");
    }

    private static async Task<List<T>> ReadAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync(Ct);
        var rows = new List<T>();
        while (await reader.ReadAsync(Ct))
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
