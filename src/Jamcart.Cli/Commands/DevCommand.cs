using System.CommandLine;

using Jamcart.Cli.Dev;

namespace Jamcart.Cli.Commands;

/// <summary><c>jamcart dev [STORE]</c>: build, serve on 127.0.0.1, rebuild and reload the browser on every change.</summary>
internal static class DevCommand
{
    public static Command Create()
    {
        var store = StoreArgument.Create();
        var port = new Option<int>("--port", "-p") { Description = "Port of the local site.", DefaultValueFactory = _ => 8080 };
        var command = new Command("dev", "Build the store, serve it locally and rebuild on change.") { store, port };
        command.SetAction((parsed, cancellationToken) =>
            DevServer.RunAsync(parsed.GetValue(store)!, parsed.GetValue(port), cancellationToken));
        return command;
    }
}
