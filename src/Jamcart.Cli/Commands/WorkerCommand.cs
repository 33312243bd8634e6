using System.CommandLine;

using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Cli.Publishing;
using Jamcart.Cli.Rebuild;
using Jamcart.Functions.Hosting;
using Jamcart.Site;

using Microsoft.Extensions.Logging;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary>
/// <c>jamcart worker [STORE] [--database …] [-o OUT] [--to TARGET] [--verbose]</c>: the rebuild worker on its own, for
/// shops beyond one machine. Any number may run against one PostgreSQL database: one is active (an advisory lock), the
/// others wait and take over within seconds when it dies. Without <c>--to</c> the output folder is itself the published
/// site. The receipt sender runs beside it (its own lock) when <c>JAMCART_SMTP_URL</c> is set; without it receipts wait
/// in the outbox, and the start says so once.
/// </summary>
internal static class WorkerCommand
{
    public static Command Create()
    {
        var store = StoreArgument.Create();
        var output = new Option<string?>("--output", "-o") { Description = "Where the site is rendered (default: STORE/public)." };
        var database = new Option<string?>("--database", "-d")
        {
            Description = $"The store database (default: ${DatabaseSetting.EnvironmentVariable}, then database: in jamcart.yml).",
        };
        var verbose = new Option<bool>("--verbose") { Description = "Also log every rebuild and the outbox entries it marked done." };
        var target = new PublishTargetOptions();
        var command = new Command("worker", "Keep the published site in step with sales: re-render what changed and publish it.") { store, output, database, verbose };
        target.AddTo(command);
        command.SetAction(async (parsed, cancellationToken) =>
        {
            var storeRoot = Path.GetFullPath(parsed.GetValue(store)!);
            var config = StoreLoader.Load(storeRoot).Config;
            if (config is null)
            {
                Terminal.Error.WriteLine($"jamcart: {storeRoot} is not a valid store folder; 'jamcart build' says why");
                return ExitCodes.StoreErrors;
            }

            if (DatabaseSetting.Resolve(parsed.GetValue(database), config, storeRoot) is not { } connectionString)
            {
                Terminal.Error.WriteLine($"jamcart: the worker needs the store database: pass --database, set {DatabaseSetting.EnvironmentVariable}, or add database: to jamcart.yml");
                // As the admin commands answer a store without a database: a setting to give, the command line was well formed.
                return ExitCodes.Settings;
            }

            IPublishTarget? destination = null;
            if (parsed.GetValue(target.To) is not null || Environment.GetEnvironmentVariable(PublishTargetOptions.EnvironmentVariable) is { Length: > 0 })
            {
                destination = target.Create(parsed, config.BasePath, out var problem);
                if (destination is null)
                {
                    Terminal.Error.WriteLine($"jamcart: {problem}");
                    return ExitCodes.Usage;
                }
            }

            ReceiptSetup receipts;
            try
            {
                receipts = ReceiptSetup.ForWorker(storeRoot);
            }
            catch (ArgumentException e)
            {
                Terminal.Error.WriteLine($"jamcart: {e.Message}");
                (destination as IDisposable)?.Dispose();
                return ExitCodes.Settings;
            }

            var outputRoot = Path.GetFullPath(parsed.GetValue(output) ?? BuildCommand.DefaultOutput(storeRoot));
            return await RunAsync(storeRoot, outputRoot, connectionString, destination, receipts, parsed.GetValue(verbose), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string storeRoot, string outputRoot, string connectionString, IPublishTarget? destination,
        ReceiptSetup receipts, bool verbose, CancellationToken cancellationToken)
    {
        using var loggers = LoggerFactory.Create(logging => logging
            .AddFilter("Npgsql", LogLevel.Warning)
            .AddFilter("Jamcart.Worker", verbose ? LogLevel.Debug : LogLevel.Information)
            .AddJamcartConsole());
        RebuildWorkerHost host;
        try
        {
            host = await RebuildWorkerHost.StartAsync(storeRoot, outputRoot, connectionString, destination, loggers, onRebuild: null, cancellationToken,
                receipts: receipts);
        }
        catch (FileNotFoundException e)
        {
            Terminal.Error.WriteLine(CliDatabase.NoSuchFile(e));
            (destination as IDisposable)?.Dispose();
            return ExitCodes.Settings;
        }
        catch (Exception e) when (Storage.CheckoutDatabase.CannotOpen(e))
        {
            // The connection string's own text is never repeated: it may hold a password.
            Terminal.Error.WriteLine($"jamcart: cannot open the store database: {e.Message}");
            (destination as IDisposable)?.Dispose();
            return CliDatabase.ExitCodeOf(e);
        }

        await using (host)
        {
            Terminal.Out.WriteLine($"Rebuild worker for {storeRoot}: rendering into {outputRoot}, publishing to {destination?.Description ?? "that folder"} (Ctrl-C to stop).");
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: the worker finishes its step and gives its lease up.
            }
        }

        return ExitCodes.Ok;
    }
}
