using System.Net;
using System.Net.Sockets;

using Jamcart.Cli.Commands;
using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Cli.Rebuild;
using Jamcart.Cli.Serve;
using Jamcart.Functions;
using Jamcart.Payments.Sandbox;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

using Spectre.Console;

namespace Jamcart.Cli.Dev;

/// <summary>
/// <c>jamcart dev</c>: the whole shop on this machine in one process. The store is built (its catalog synced to SQLite
/// in <c>.jamcart/</c>) and rebuilt on every edit with live reload; the site and the checkout functions share one
/// origin; the sandbox payment provider runs beside them with its webhooks wired to the functions.
/// </summary>
internal static class DevServer
{
    public static async Task<int> RunAsync(string storeRoot, int port, int sandboxPort, CancellationToken cancellationToken)
    {
        storeRoot = Path.GetFullPath(storeRoot);
        if (!File.Exists(Path.Combine(storeRoot, "jamcart.yml")))
        {
            Terminal.Error.WriteLine($"jamcart: {storeRoot} is not a store folder (no jamcart.yml); 'jamcart new DIR' makes one");
            return ExitCodes.Usage;
        }

        ReceiptSetup receipts;
        try
        {
            // Without an SMTP server, receipts land in .jamcart/receipts/ as .eml files to open in a mail program.
            receipts = ReceiptSetup.ForDev(storeRoot);
        }
        catch (ArgumentException e)
        {
            Terminal.Error.WriteLine($"jamcart: {e.Message}");
            return ExitCodes.Settings;
        }

        var keys = DevKeys.LoadOrCreate(storeRoot);
        var database = "sqlite:" + Path.Combine(storeRoot, DevKeys.Folder, "store.db");
        var outputRoot = Path.GetFullPath(BuildCommand.DefaultOutput(storeRoot));
        Directory.CreateDirectory(outputRoot);
        // The first build runs while the sandbox and the functions start, rather than before them: that start is most
        // of the wait otherwise. Pages wait for the build (UseStaticSite), the API answers at once; the catalog sync and
        // the functions' migrations may meet in the database, which both are made for (several processes do). A first
        // build with errors still serves: the errors are printed, and the next edit rebuilds.
        var firstBuild = Task.Run(() => BuildCommand.RunAsync(storeRoot, outputRoot, clean: false, quiet: false, cancellationToken, databaseOption: database), cancellationToken);

        // The sandbox posts webhooks to a URL fixed when it starts, and the shop's settings name the sandbox's address, so
        // one of the two must know the other's port before binding. For --port 0 the shop takes a free loopback port
        // here, as Kestrel would, and builds the webhook URL from it: a shop that works on a port of its own, rather than
        // a refusal. Should another process take that port in between, the start says it is in use.
        if (port == 0)
        {
            port = FreeLoopbackPort();
        }

        var webhookUrl = new Uri($"http://127.0.0.1:{port}/api/webhooks/stripe");
        SandboxServer sandbox;
        try
        {
            sandbox = await SandboxServer.StartAsync(new SandboxOptions
            {
                Port = sandboxPort,
                SecretKey = keys.SecretKey,
                PublishableKey = keys.PublishableKey,
                WebhookSecret = keys.WebhookSecret,
                WebhookUrl = webhookUrl,
            }, cancellationToken);
        }
        catch (IOException exception)
        {
            await firstBuild;
            Terminal.Error.WriteLine($"jamcart: the sandbox cannot listen on 127.0.0.1:{sandboxPort} ({exception.Message}); choose another with --sandbox-port");
            return ExitCodes.Settings;
        }

        await using (sandbox)
        {
            var live = new LiveReload();
            await using var app = BuildApp(outputRoot, port, database, keys, sandbox, live, firstBuild);
            if (await HostStart.TryStartAsync(app, IPAddress.Loopback, port, $" ({Path.Combine(DevKeys.Folder, "store.db")} in the store folder)", cancellationToken) is { } refused)
            {
                await firstBuild;
                return refused;
            }

            // Rebuilds on change and after sales start from the first build's output, never beside it.
            await firstBuild;

            var gate = new SemaphoreSlim(1, 1);
            async Task RebuildAsync()
            {
                await gate.WaitAsync(cancellationToken);
                try
                {
                    await BuildCommand.RunAsync(storeRoot, outputRoot, clean: false, quiet: false, cancellationToken, databaseOption: database);
                    live.Notify();
                }
                finally
                {
                    gate.Release();
                }
            }

            using var watcher = new StoreWatcher(storeRoot, () => _ = RebuildAsync());
            // After each sale the worker re-renders what the stock change touched, straight into the served folder.
            await using var rebuilds = await RebuildWorkerHost.StartAsync(storeRoot, outputRoot, database, target: null,
                app.Services.GetRequiredService<ILoggerFactory>(),
                onRebuild: report =>
                {
                    if (report.Build.ChangedPaths.Count > 0)
                    {
                        live.Notify(report.Build.ChangedPaths);
                    }
                },
                cancellationToken,
                receipts: receipts);
            PrintBanner(storeRoot, HostStart.ListeningAt(app), webhookUrl, sandbox, keys);
            try
            {
                await Task.Delay(Timeout.Infinite, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl-C: fall through to a clean stop.
            }

            await app.StopAsync(CancellationToken.None);
        }

        return ExitCodes.Ok;
    }

    private static WebApplication BuildApp(
        string outputRoot, int port, string database, DevKeys keys, SandboxServer sandbox, LiveReload live, Task firstBuild)
    {
        // The Development environment: the functions then also serve their API reference page (/api/reference/).
        var builder = FunctionsApp.CreateBuilder(new WebApplicationOptions
        {
            Args = [],
            ContentRootPath = outputRoot,
            EnvironmentName = Environments.Development,
        });
        // Development settings win over anything in the environment, JAMCART_DATABASE and JAMCART_ADMIN_KEY too: this is
        // the sandbox, never real money, and its build syncs the catalog into this database, which a shell's production
        // database must never receive.
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Jamcart:Database"] = database,
            ["Jamcart:AdminKey"] = keys.AdminKey,
            ["Jamcart:Payments:Provider"] = "sandbox",
            ["Jamcart:Payments:SecretKey"] = sandbox.SecretKey,
            ["Jamcart:Payments:PublishableKey"] = sandbox.PublishableKey,
            ["Jamcart:Payments:WebhookSecrets:0"] = sandbox.WebhookSecret,
            ["Jamcart:Payments:ApiBase"] = sandbox.BaseUrl.ToString(),
        });
        builder.AddJamcartFunctions();
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        var app = builder.Build();
        app.UseJamcartFunctions();
        app.MapGet(LiveReload.ScriptPath, LiveReload.ServeScriptAsync);
        app.MapGet(LiveReload.EventsPath, live.ServeEventsAsync);
        app.UseStaticSite(outputRoot, development: true, built: firstBuild);
        return app;
    }

    private static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private static void PrintBanner(string storeRoot, Uri siteUrl, Uri webhookUrl, SandboxServer sandbox, DevKeys keys)
    {
        var console = Terminal.Out;
        console.MarkupLine($"[green]Serving[/] {Markup.Escape(storeRoot)} at [link]{Markup.Escape(siteUrl.ToString())}[/] (Ctrl-C to stop); watching for changes.");
        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("shop", Markup.Escape(siteUrl.ToString()));
        grid.AddRow("checkout API", Markup.Escape(new Uri(siteUrl, "api/").ToString()));
        grid.AddRow("API reference", Markup.Escape(new Uri(siteUrl, "api/reference/").ToString()));
        grid.AddRow("sandbox payments", Markup.Escape(sandbox.BaseUrl.ToString()));
        grid.AddRow("sandbox webhooks", Markup.Escape(webhookUrl.ToString()));
        grid.AddRow("database", Markup.Escape(Path.Combine(DevKeys.Folder, "store.db"))
            + (Environment.GetEnvironmentVariable(DatabaseSetting.EnvironmentVariable) is { Length: > 0 }
                ? $" (not ${DatabaseSetting.EnvironmentVariable}: dev keeps its own)"
                : ""));
        grid.AddRow("admin key", Markup.Escape(keys.AdminKey));
        grid.AddRow("sandbox secret key", Markup.Escape(sandbox.SecretKey));
        grid.AddRow("sandbox publishable key", Markup.Escape(sandbox.PublishableKey));
        grid.AddRow("webhook secret", Markup.Escape(sandbox.WebhookSecret));
        console.Write(grid);
        SandboxCommand.PrintTestCards();
    }
}
