using System.CommandLine;

using Jamcart.Cli.BuildServer;
using Jamcart.Cli.Output;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary>
/// <c>jamcart build-server shutdown</c>: stops this user's build servers (as <c>dotnet build-server shutdown</c>
/// does); <c>jamcart build-server run</c> is how <c>jamcart build</c> starts one, not for people.
/// </summary>
internal static class BuildServerCommand
{
    public static Command Create()
    {
        var only = new Argument<string?>("STORE") { Description = "Stop only the server of this store folder.", Arity = ArgumentArity.ZeroOrOne };
        var onlyOutput = new Option<string?>("--output", "-o") { Description = "With STORE: the output folder it builds into (default: STORE/public)." };
        var shutdown = new Command("shutdown", "Stop every build server of this user, or the one of a store.") { only, onlyOutput };
        shutdown.SetAction(parsed =>
        {
            var storeRoot = parsed.GetValue(only);
            var stopped = storeRoot is null
                ? BuildServerClient.ShutdownAll()
                : BuildServerClient.Shutdown(storeRoot, parsed.GetValue(onlyOutput) ?? BuildCommand.DefaultOutput(storeRoot));
            Terminal.Out.WriteLine(stopped == 1 ? "stopped 1 build server" : $"stopped {stopped} build servers");
            return ExitCodes.Ok;
        });

        var store = StoreArgument.Create();
        var output = new Option<string?>("--output", "-o") { Description = "The output folder it builds into (default: STORE/public)." };
        var run = new Command("run", "Run the build server of one store in the foreground.") { store, output };
        run.Hidden = true;
        run.SetAction((parsed, cancellationToken) =>
        {
            var storeRoot = parsed.GetValue(store)!;
            return BuildServerHost.RunAsync(storeRoot, parsed.GetValue(output) ?? BuildCommand.DefaultOutput(storeRoot), cancellationToken);
        });

        return new Command(
            "build-server",
            "The background processes that keep a store loaded between builds, so that a rebuild only reads what changed. "
            + $"jamcart build starts one per store and output folder; each stops after 10 idle minutes ({BuildServerHost.IdleEnvironmentVariable} seconds). "
            + $"{BuildServerAddress.EnvironmentVariable}=0 or jamcart build --no-server turns them off; under CI (CI=true) they are off unless {BuildServerAddress.EnvironmentVariable}=1.")
        {
            shutdown,
            run,
        };
    }
}
