using System.CommandLine;
using System.Globalization;

using Jamcart.Bench.Scale;

var jamcart = new Option<string>("--jamcart") { Description = "The jamcart command (build, worker).", Required = true };
var functions = new Option<string>("--functions") { Description = "The functions host (Jamcart.Functions).", Required = true };
var database = new Option<string>("--database") { Description = "An empty PostgreSQL database (Npgsql connection string).", Required = true };
var work = new Option<string>("--work") { Description = "Folder for the store, the workers' output, the published site and the logs.", Required = true };
var results = new Option<string?>("--results") { Description = "Also write summary.txt and scale.json here." };
var small = new Option<bool>("--small") { Description = "The test suite's sizes: seconds instead of minutes." };

var command = new RootCommand("Many instances, kills and reconciliation: Jamcart's multi-instance chaos run.") { jamcart, functions, database, work, results, small };
command.SetAction(async (parsed, cancellationToken) =>
{
    var paths = (Path.GetFullPath(parsed.GetValue(jamcart)!), Path.GetFullPath(parsed.GetValue(functions)!), parsed.GetValue(database)!, Path.GetFullPath(parsed.GetValue(work)!));
    var options = (parsed.GetValue(small) ? ScaleOptions.Small(paths.Item1, paths.Item2, paths.Item3, paths.Item4) : ScaleOptions.Full(paths.Item1, paths.Item2, paths.Item3, paths.Item4)) with
    {
        Progress = line => Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{DateTime.Now:HH:mm:ss.fff} {line}")),
    };

    // The worker processes inherit this environment: their receipt senders deliver to the sink.
    await using var receipts = await SmtpReceiver.StartAsync(cancellationToken);
    Environment.SetEnvironmentVariable("JAMCART_SMTP_URL", receipts.Url);
    var report = await ScaleScenario.RunAsync(options, cancellationToken);
    var ids = receipts.MessageIds;
    report.Figure("receipts", string.Create(CultureInfo.InvariantCulture,
        $"{ids.Count} messages received, {ids.Distinct(StringComparer.Ordinal).Count()} distinct Message-IDs (a resend after the worker's kill repeats one)"));
    var summary = report.Summary();
    Console.WriteLine(summary);
    if (parsed.GetValue(results) is { } folder)
    {
        Directory.CreateDirectory(folder);
        await File.WriteAllTextAsync(Path.Combine(folder, "summary.txt"), summary + Environment.NewLine, cancellationToken);
        await File.WriteAllTextAsync(Path.Combine(folder, "scale.json"), report.Json() + Environment.NewLine, cancellationToken);
    }

    return report.Violations.Count == 0 ? 0 : 1;
});
return await command.Parse(args).InvokeAsync();
