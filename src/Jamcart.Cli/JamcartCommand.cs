using System.CommandLine;

using Jamcart.Cli.Commands;
using Jamcart.Cli.Output;

namespace Jamcart.Cli;

/// <summary>The <c>jamcart</c> command line: its commands, and usage errors mapped to exit code 2.</summary>
internal static class JamcartCommand
{
    public static async Task<int> RunAsync(string[] args)
    {
        var root = new RootCommand("Jamcart: build a static shop from a folder of Markdown products and sell from it.")
        {
            NewCommand.Create(),
            BuildCommand.Create(),
            BuildServerCommand.Create(),
            DevCommand.Create(),
            GenerateCommand.Create(),
            SandboxCommand.Create(),
            ServeCommand.Create(),
            DbCommand.Create(),
            StockCommand.Create(),
            OrdersCommand.Create(),
            PublishCommand.Create(),
            WorkerCommand.Create(),
            MaintenanceCommand.Create(),
        };

        var parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            foreach (var error in parsed.Errors)
            {
                Terminal.Error.WriteLine($"jamcart: {error.Message}");
            }

            Terminal.Error.WriteLine("Run 'jamcart --help' for usage.");
            return ExitCodes.Usage;
        }

        return await parsed.InvokeAsync();
    }
}
