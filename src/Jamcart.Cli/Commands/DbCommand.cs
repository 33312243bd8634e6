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
            await using var database = await CliDatabase.OpenAsync(options.Read(parsed), cancellationToken, migrate: false, create: true);
            if (database is null)
            {
                return ExitCodes.StoreErrors;
            }

            var applied = await database.MigrateAsync(cancellationToken);
            Terminal.Out.WriteLine(applied.Count == 0
                ? $"the {database.Kind.Name()} database is up to date"
                : $"applied to the {database.Kind.Name()} database: {string.Join(", ", applied)}");
            return ExitCodes.Ok;
        });

        return new Command("db", "Work on the store database.") { migrate };
    }
}
