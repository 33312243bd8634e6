using System.CommandLine;
using System.Globalization;

using Jamcart.Checkout.UseCases;
using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Cli.Parsing;

using Microsoft.Extensions.Logging.Abstractions;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary><c>jamcart stock get SKU…</c> and <c>jamcart stock set SKU ON_HAND</c>: the same rules as the admin API.</summary>
internal static class StockCommand
{
    public static Command Create()
    {
        var options = new DatabaseOptions();

        var skus = new Argument<string[]>("sku") { Description = "One or more SKUs.", Arity = ArgumentArity.OneOrMore };
        var get = new Command("get", "Show on hand, reserved and available units.") { skus };
        options.AddTo(get);
        get.SetAction((parsed, cancellationToken) => CliDatabase.RunAsync(options.Read(parsed), async database =>
        {
            var wanted = parsed.GetValue(skus)!;
            // As stock set answers: a SKU gone from the store is unknown, whatever stock its row still keeps.
            var levels = await database.Store.GetCatalogInventoryAsync(wanted, TimeProvider.System.GetUtcNow(), cancellationToken);
            var table = new Table().AddColumns("SKU", "on hand", "reserved", "available");
            foreach (var sku in wanted)
            {
                table.AddRow(levels.TryGetValue(sku, out var level)
                    ? [Markup.Escape(sku), Count(level.OnHand), Count(level.Reserved), Count(level.Available)]
                    : [Markup.Escape(sku), "[grey]unknown[/]", "", ""]);
            }

            Terminal.Out.Write(table);
            return wanted.All(levels.ContainsKey) ? ExitCodes.Ok : ExitCodes.StoreErrors;
        }, cancellationToken));

        var sku = new Argument<string>("sku") { Description = "The SKU." };
        var onHand = new Argument<long>("on-hand")
        {
            Description = $"Units not yet sold, reserved ones included ({SetStock.MinOnHand} to {SetStock.MaxOnHand}).",
            CustomParser = result => WholeNumbers.Digits<long>(SetStock.MinOnHand, SetStock.MaxOnHand)(result) ?? 0,
        };
        var set = new Command("set", "Set the units on hand, as the admin API's PUT /api/admin/stock/{sku} does.") { sku, onHand };
        options.AddTo(set);
        set.SetAction((parsed, cancellationToken) => CliDatabase.RunAsync(options.Read(parsed), async database =>
        {
            var level = await CommandLineNames.RunAsync(
                () => new SetStock(database.Store, TimeProvider.System, NullLogger<SetStock>.Instance)
                    .HandleAsync(parsed.GetValue(sku)!, parsed.GetValue(onHand), cancellationToken),
                ("onHand", onHand.Name));
            Terminal.Out.WriteLine($"{level.Sku}: {Count(level.OnHand)} on hand, {Count(level.Reserved)} reserved, {Count(level.Available)} available");
            return ExitCodes.Ok;
        }, cancellationToken));

        return new Command("stock", "Read or set stock in the store database.") { get, set };
    }

    private static string Count(long value) => value.ToString("N0", CultureInfo.InvariantCulture);
}
