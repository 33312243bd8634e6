using System.CommandLine;

using Jamcart.Cli.BuildServer;
using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Site;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary><c>jamcart build [STORE] [-o OUT] [--clean] [--quiet]</c>.</summary>
internal static class BuildCommand
{
    public static Command Create()
    {
        var store = StoreArgument.Create();
        var output = new Option<string?>("--output", "-o") { Description = "Where the site is written (default: STORE/public)." };
        var clean = new Option<bool>("--clean") { Description = "Render every page again instead of only what changed." };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Print only problems." };
        var timings = new Option<bool>("--timings") { Description = "Print how long each phase of the build took." };
        var noServer = new Option<bool>("--no-server")
        {
            Description = "Build in this process only: neither use nor start the build server that keeps the store loaded between builds.",
        };

        var command = new Command("build", "Build the store folder into a static site.") { store, output, clean, quiet, timings, noServer };
        command.SetAction((parsed, cancellationToken) =>
        {
            var storeRoot = parsed.GetValue(store)!;
            return RunAsync(storeRoot, parsed.GetValue(output) ?? DefaultOutput(storeRoot), parsed.GetValue(clean), parsed.GetValue(quiet), cancellationToken,
                parsed.GetValue(timings), useServer: BuildServerAddress.Enabled(parsed.GetValue(noServer)));
        });
        return command;
    }

    public static string DefaultOutput(string storeRoot) => Path.Combine(storeRoot, "public");

    /// <param name="databaseOption">The store database to sync to, over the environment and <c>jamcart.yml</c>.</param>
    /// <param name="useServer">Hand the build to the store's build server, and start one after building without it.</param>
    /// <param name="databaseSource">Where <paramref name="databaseOption"/> came from, when not from the build's own <c>--database</c>.</param>
    public static async Task<int> RunAsync(string storeRoot, string outputRoot, bool clean, bool quiet, CancellationToken cancellationToken,
        bool timings = false, string? databaseOption = null, bool useServer = false, string? databaseSource = null)
    {
        await using var sync = new DatabaseCatalogSync(databaseOption, TimeProvider.System, outputRoot, databaseSource);
        var options = new BuildOptions(storeRoot, outputRoot) { Clean = clean, CatalogSync = sync, ChangeClock = TimeProvider.System };
        // A database named outside the store can change stock with no file changing: only this process sees it.
        useServer &= !sync.ConfiguredOutsideStore;
        BuildResult? served = null;
        BuildResult result;
        try
        {
            served = useServer && !clean ? BuildServerClient.TryBuild(storeRoot, outputRoot) : null;
            result = served ?? await BuildAsync(options, quiet, cancellationToken);
        }
        catch (StoreDatabaseException e)
        {
            Terminal.Error.WriteLine($"jamcart: {e.Message}");
            return e.ExitCode;
        }

        BuildReport.Diagnostics(result, storeRoot);
        if (timings)
        {
            BuildReport.Timings(result);
        }

        if (!result.Succeeded)
        {
            return ExitCodes.StoreErrors;
        }

        if (!quiet)
        {
            BuildReport.Summary(result, outputRoot);
            if (sync.Result is { } synced)
            {
                BuildReport.CatalogSync(synced);
            }
        }

        // Only for stores without a database: a server serves front-matter stock alone (BuildServerHost).
        if (useServer && served is null && sync.Result is null && BuildServerClient.Start(storeRoot, outputRoot) && !quiet)
        {
            Terminal.Out.MarkupLine("[grey]started a build server for this store: the next build only reads what changed (jamcart build-server shutdown stops it)[/]");
        }

        return ExitCodes.Ok;
    }

    private static async Task<BuildResult> BuildAsync(BuildOptions options, bool quiet, CancellationToken cancellationToken)
    {
        if (quiet || !Terminal.Interactive)
        {
            return await SiteBuilder.BuildAsync(options, cancellationToken);
        }

        return await Terminal.Out.Progress()
            .AutoClear(true)
            .HideCompleted(true)
            .StartAsync(async context =>
            {
                ProgressTask? bar = null;
                var progress = new Progress<BuildProgress>(p =>
                {
                    // Only long builds get a bar: a short one would flash.
                    if (p.Total < 2000)
                    {
                        return;
                    }

                    bar ??= context.AddTask("rendering", maxValue: p.Total);
                    bar.Value = p.Done;
                });
                return await SiteBuilder.BuildAsync(options with { Progress = progress }, cancellationToken);
            });
    }
}
