using System.CommandLine;

using Jamcart.Cli.Output;
using Jamcart.Cli.Parsing;
using Jamcart.Site;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary><c>jamcart generate DIR --products N</c>: a synthetic store for benchmarks and trials at scale.</summary>
internal static class GenerateCommand
{
    public static Command Create()
    {
        var directory = StoreArgument.Create("directory", "Where to write the store (must be empty or absent).", optional: false);
        var products = new Option<int>("--products", "-n") { Description = "How many products.", DefaultValueFactory = _ => 1000, CustomParser = WholeNumbers.Parse<int> };
        var seed = new Option<int>("--seed") { Description = "Seed of the generator.", DefaultValueFactory = _ => 1, CustomParser = WholeNumbers.Parse<int> };
        var command = new Command("generate", "Write a synthetic store of N products, to try builds at scale (the benchmarks' stores).") { directory, products, seed };
        command.SetAction(parsed =>
        {
            var target = parsed.GetValue(directory)!;
            var count = parsed.GetValue(products);
            if (count < 0 || (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any()))
            {
                Terminal.Error.WriteLine($"jamcart: {target} must be an empty or new folder, and --products at least 0");
                return ExitCodes.Usage;
            }

            SyntheticStore.Write(target, count, parsed.GetValue(seed));
            Terminal.Out.WriteLine($"wrote a synthetic store of {count} products to {target}");
            return ExitCodes.Ok;
        });
        return command;
    }
}
