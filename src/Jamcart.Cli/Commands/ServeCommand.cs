using System.CommandLine;
using System.Net;

using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Cli.Parsing;
using Jamcart.Cli.Rebuild;
using Jamcart.Cli.Serve;
using Jamcart.Functions;
using Jamcart.Site;

using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary>
/// <c>jamcart serve [STORE] [--port 8080] [--host 127.0.0.1] [--database …]</c>: the whole shop on one machine in one
/// process: builds the store (syncing its catalog), then serves the site and the checkout functions on one origin.
/// </summary>
/// <remarks>
/// The database defaults to <c>STORE/.jamcart/store.db</c> (SQLite). The payment provider and the admin key come from
/// the same settings as a standalone functions host: <c>Jamcart__Payments__*</c> and <c>JAMCART_ADMIN_KEY</c>.
/// </remarks>
internal static class ServeCommand
{
    public const string DefaultDatabase = ".jamcart/store.db";

    public static Command Create()
    {
        var store = StoreArgument.Create();
        var port = new Option<int>("--port", "-p") { Description = "Port to listen on.", DefaultValueFactory = _ => 8080, CustomParser = PortNumbers.Parse };
        var host = new Option<string>("--host") { Description = "Address to listen on (0.0.0.0 for every interface).", DefaultValueFactory = _ => "127.0.0.1" };
        var database = new Option<string?>("--database", "-d")
        {
            Description = $"The store database (default: ${DatabaseSetting.EnvironmentVariable}, database: in jamcart.yml, then sqlite:{DefaultDatabase}).",
        };
        host.Validators.Add(result =>
        {
            var value = result.Tokens.Count > 0 ? result.Tokens[0].Value : null;
            if (value is not null && !IPAddress.TryParse(value, out _))
            {
                result.AddError($"--host '{value}' is not an IP address");
            }
        });

        var command = new Command("serve", "Build the store and serve the site and the checkout functions from one process.") { store, port, host, database };
        command.SetAction((parsed, cancellationToken) =>
        {
            ServingRuntime.RestartWith(ServingRuntime.Functions);
            return RunAsync(
                parsed.GetValue(store)!, IPAddress.Parse(parsed.GetValue(host)!), parsed.GetValue(port), parsed.GetValue(database), cancellationToken);
        });
        return command;
    }

    private static async Task<int> RunAsync(string storeRoot, IPAddress address, int port, string? databaseOption, CancellationToken cancellationToken)
    {
        storeRoot = Path.GetFullPath(storeRoot);
        if (!File.Exists(Path.Combine(storeRoot, "jamcart.yml")))
        {
            Terminal.Error.WriteLine($"jamcart: {storeRoot} is not a store folder (no jamcart.yml); 'jamcart new DIR' makes one");
            return ExitCodes.Usage;
        }

        var config = StoreLoader.Load(storeRoot).Config;
        var named = DatabaseSetting.Resolve(databaseOption, config, storeRoot);
        var connection = named ?? "sqlite:" + Path.Combine(storeRoot, DefaultDatabase);
        // The build below is handed the connection as its option; its messages must still name the setting the shop
        // wrote (JAMCART_DATABASE, jamcart.yml), not a --database that was never given.
        var connectionSource = named is null ? DefaultDatabase : DatabaseSetting.SourceOf(databaseOption, config, storeRoot);
        var outputRoot = Path.GetFullPath(BuildCommand.DefaultOutput(storeRoot));
        // The host's content root, which must exist before the build has made it.
        var outputMadeHere = !Directory.Exists(outputRoot);
        Directory.CreateDirectory(outputRoot);

        var builder = FunctionsApp.CreateBuilder([], outputRoot);
        // The database the build below syncs, which --database may have chosen over JAMCART_DATABASE.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Jamcart:Database"] = connection });
        builder.AddJamcartFunctions();
        // Sales re-render the pages they change into the folder served below.
        builder.AddRebuildWorker(storeRoot, outputRoot, connection);
        // One line per request is noise on a shop's console; Jamcart's own logs say what happened to orders.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(address, port));
        await using var app = builder.Build();

        // Before the build: its catalog sync writes prices and stock into the database, which a start refused for a
        // missing setting or an address in use must leave as it was.
        if (HostStart.Check(app, address, port) is { } invalid)
        {
            if (outputMadeHere)
            {
                // Still empty: a refused start leaves the store folder as it found it.
                Directory.Delete(outputRoot);
            }

            return invalid;
        }

        var built = await BuildCommand.RunAsync(
            storeRoot, outputRoot, clean: false, quiet: false, cancellationToken, databaseOption: connection, databaseSource: connectionSource);
        if (built != ExitCodes.Ok)
        {
            return built;
        }

        app.UseJamcartFunctions();
        app.UseStaticSite(outputRoot);

        // The build above opened the same database: one that fails now went away or changed in between.
        if (await HostStart.TryStartAsync(app, address, port, "", cancellationToken) is { } refused)
        {
            return refused;
        }

        // Where Kestrel listens, not what was asked: --port 0 gets a free port, said here.
        Terminal.Out.WriteLine($"Serving {storeRoot} at {HostStart.ListeningAt(app)} with the checkout functions under /api (Ctrl-C to stop).");
        try
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: fall through to a clean stop.
        }

        await app.StopAsync(CancellationToken.None);
        return ExitCodes.Ok;
    }
}
