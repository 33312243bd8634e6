using System.CommandLine;

using Jamcart.Cli.Database;
using Jamcart.Cli.Output;
using Jamcart.Storage;

using Spectre.Console;

namespace Jamcart.Cli.Commands;

/// <summary><c>jamcart db migrate [--store STORE] [--database CONNECTION]</c>.</summary>
internal static class DbCommand
{
    public static Command Create()
    {
        var options = new DatabaseOptions();
        var migrate = new Command("migrate", "Apply the store database's pending migrations (the functions also do so at start-up).");
        options.AddTo(migrate);
        migrate.SetAction(async (parsed, cancellationToken) =>
        {
            var opening = await CliDatabase.OpenAsync(options.Read(parsed), cancellationToken, migrate: false, create: true);
            if (opening.Database is null)
            {
                return opening.ExitCode;
            }

            await using var database = opening.Database;

            IReadOnlyList<string> applied;
            try
            {
                applied = await database.MigrateAsync(cancellationToken);
            }
            catch (Exception e) when (CheckoutDatabase.CannotOpen(e))
            {
                // Migrations run in one transaction: a failure leaves the schema as it was.
                Terminal.Error.WriteLine($"jamcart: cannot migrate the store database: {e.Message}");
                return ExitCodes.StoreErrors;
            }

            Terminal.Out.WriteLine(applied.Count == 0
                ? $"the {database.Kind.Name()} database is up to date"
                : $"applied to the {database.Kind.Name()} database: {string.Join(", ", applied)}");
            return ExitCodes.Ok;
        });

        return new Command("db", "Work on the store database.") { migrate };
    }
}
