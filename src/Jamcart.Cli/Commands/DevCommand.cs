using System.CommandLine;

using Jamcart.Cli.Dev;
using Jamcart.Cli.Parsing;

namespace Jamcart.Cli.Commands;

/// <summary>
/// <c>jamcart dev [STORE] [--port 8080] [--sandbox-port 5081]</c>: the whole shop on 127.0.0.1, rebuilt and reloaded on
/// every change, with the checkout API and sandbox payments.
/// </summary>
internal static class DevCommand
{
    public static Command Create()
    {
        var store = StoreArgument.Create();
        var port = new Option<int>("--port", "-p") { Description = "Port of the local shop and its checkout API.", DefaultValueFactory = _ => 8080, CustomParser = PortNumbers.Parse };
        var sandboxPort = new Option<int>("--sandbox-port") { Description = "Port of the sandbox payment provider.", DefaultValueFactory = _ => 5081, CustomParser = PortNumbers.Parse };
        var command = new Command("dev", "Run the whole shop locally: the site rebuilt on change, the checkout API and sandbox payments.")
        {
            store, port, sandboxPort,
        };
        command.SetAction((parsed, cancellationToken) =>
            DevServer.RunAsync(parsed.GetValue(store)!, parsed.GetValue(port), parsed.GetValue(sandboxPort), cancellationToken));
        return command;
    }
}
