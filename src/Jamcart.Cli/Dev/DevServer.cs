using System.Net;

using Jamcart.Cli.Commands;
using Jamcart.Cli.Output;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;

using Spectre.Console;

namespace Jamcart.Cli.Dev;

/// <summary>
/// The local development server: builds the store, serves the output on 127.0.0.1 with the site's own
/// security headers, rebuilds on every edit and reloads open pages.
/// </summary>
internal static class DevServer
{
    public static async Task<int> RunAsync(string storeRoot, int port, CancellationToken cancellationToken)
    {
        storeRoot = Path.GetFullPath(storeRoot);
        if (!File.Exists(Path.Combine(storeRoot, "jamcart.yml")))
        {
            Terminal.Error.WriteLine($"jamcart: {storeRoot} is not a store folder (no jamcart.yml); 'jamcart new DIR' makes one");
            return ExitCodes.Usage;
        }

        var outputRoot = Path.GetFullPath(BuildCommand.DefaultOutput(storeRoot));
        Directory.CreateDirectory(outputRoot);
        await BuildCommand.RunAsync(storeRoot, outputRoot, clean: false, quiet: false, cancellationToken);

        var live = new LiveReload();
        var gate = new SemaphoreSlim(1, 1);
        async Task RebuildAsync()
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                await BuildCommand.RunAsync(storeRoot, outputRoot, clean: false, quiet: false, cancellationToken);
                live.Notify();
            }
            finally
            {
                gate.Release();
            }
        }

        using var watcher = new StoreWatcher(storeRoot, () => _ = RebuildAsync());
        // The empty builder: no configuration files, whose change watcher would walk the whole working directory.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ContentRootPath = outputRoot });
        builder.Services.AddLogging();
        builder.Services.AddRoutingCore();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        await using var app = builder.Build();
        var site = new SiteFiles(outputRoot);
        app.Use((context, next) =>
        {
            site.ApplyHeaders(context.Response);
            context.Response.Headers.CacheControl = "no-cache";
            return next(context);
        });
        app.MapGet(LiveReload.ScriptPath, LiveReload.ServeScriptAsync);
        app.MapGet(LiveReload.EventsPath, live.ServeEventsAsync);
        app.Use((context, next) => site.TryServeHtmlAsync(context) is { } served ? served : next(context));
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(outputRoot),
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
        });
        app.Run(site.ServeNotFoundAsync);

        await app.StartAsync(cancellationToken);
        Terminal.Out.WriteLine($"Serving {storeRoot} at http://127.0.0.1:{port}/ (Ctrl-C to stop); watching for changes.");
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
