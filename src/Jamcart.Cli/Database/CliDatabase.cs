using System.Data.Common;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Cli.Commands;
using Jamcart.Cli.Output;
using Jamcart.Site;
using Jamcart.Storage;

namespace Jamcart.Cli.Database;

/// <summary>Opens the store database for a command, or explains on stderr why it cannot.</summary>
internal static class CliDatabase
{
    private const string ConfigFile = "jamcart.yml";

    /// <summary>
    /// The open database, or none after printing why not, with the exit code that says whose the problem is: a setting's
    /// (none named, a connection string of no known form, a SQLite path that names no file, a network share), or the
    /// store's (a <c>jamcart.yml</c> that cannot be read, a server that does not answer or refuses, a damaged file).
    /// </summary>
    /// <param name="create">Whether a SQLite file is made when there is none (only <c>jamcart db migrate</c> does).</param>
    public static async Task<DatabaseOpening> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken, bool migrate = true, bool create = false)
    {
        var connectionString = target.ConnectionString ?? Environment.GetEnvironmentVariable(DatabaseSetting.EnvironmentVariable);
        if (string.IsNullOrEmpty(connectionString))
        {
            // Only now read the store folder: the option and the environment need none.
            var source = StoreLoader.Load(target.StoreRoot);
            if (source.Config is null)
            {
                // A jamcart.yml that cannot be read may well name the database: guessing another (the one serve makes)
                // would read or change the wrong store.
                BuildReport.Problems(source.Diagnostics.Sorted().Where(problem => problem.Severity == Severity.Error && IsConfigFile(problem)), source.Root);
                Terminal.Error.WriteLine($"jamcart: cannot tell which store database to use until {Path.Combine(target.StoreRoot, ConfigFile)} reads correctly");
                return new DatabaseOpening(null, ExitCodes.StoreErrors);
            }

            connectionString = DatabaseSetting.Resolve(null, source.Config, source.Root) ?? ServedDatabase(source.Root);
        }

        if (string.IsNullOrEmpty(connectionString))
        {
            Terminal.Error.WriteLine(
                $"jamcart: no store database: pass --database, set {DatabaseSetting.EnvironmentVariable}, add database: to {Path.Combine(target.StoreRoot, ConfigFile)}, "
                + $"or run the command in a store folder that jamcart serve or dev has served ({ServeCommand.DefaultDatabase})");
            return new DatabaseOpening(null, ExitCodes.Settings);
        }

        try
        {
            return new DatabaseOpening(
                await CheckoutDatabase.OpenAsync(connectionString, TimeProvider.System, migrate: migrate, create: create, cancellationToken: cancellationToken),
                ExitCodes.Ok);
        }
        catch (FileNotFoundException e)
        {
            Terminal.Error.WriteLine(NoSuchFile(e));
            return new DatabaseOpening(null, ExitCodes.Settings);
        }
        catch (Exception e) when (CheckoutDatabase.CannotOpen(e))
        {
            Terminal.Error.WriteLine($"jamcart: cannot open the store database: {e.Message}");
            return new DatabaseOpening(null, ExitCodeOf(e));
        }
    }

    /// <summary>
    /// The exit code of a store database that could not be opened: <see cref="ExitCodes.Settings"/> when the setting
    /// itself is wrong (a connection string of no known form, a <c>sqlite://</c> URL, a network share, a SQLite path
    /// that names no file), which only a changed setting puts right; otherwise <see cref="ExitCodes.StoreErrors"/> (a
    /// server that does not answer or refuses, a damaged file, a schema to migrate), as any failure of the store.
    /// </summary>
    public static int ExitCodeOf(Exception cannotOpen) =>
        cannotOpen is ArgumentException or FileNotFoundException ? ExitCodes.Settings : ExitCodes.StoreErrors;

    /// <summary>
    /// Opens the database and runs <paramref name="work"/> on it; a refusal of the store's rules (each reason
    /// printed), of the payment provider or of a busy database is one line on stderr and exit code 1.
    /// </summary>
    public static async Task<int> RunAsync(DatabaseTarget target, Func<CheckoutDatabase, Task<int>> work, CancellationToken cancellationToken)
    {
        var opening = await OpenAsync(target, cancellationToken);
        if (opening.Database is null)
        {
            return opening.ExitCode;
        }

        await using var database = opening.Database;

        try
        {
            return await work(database);
        }
        catch (CheckoutException e)
        {
            CheckoutErrors.Print(e);
            return ExitCodes.StoreErrors;
        }
        catch (PaymentProviderUnavailableException refused) when (refused.KeyRefused)
        {
            Terminal.Error.WriteLine("jamcart: the payment provider refused the configured API key, and nothing was recorded; check Jamcart__Payments__SecretKey.");
            return ExitCodes.Settings;
        }
        catch (PaymentProviderUnavailableException)
        {
            // The provider's key is derived from the refunds already recorded, so the same command cannot refund twice.
            Terminal.Error.WriteLine("jamcart: the payment provider did not answer, and nothing was recorded; running the same command again is safe.");
            return ExitCodes.StoreErrors;
        }
        catch (PaymentProviderException e)
        {
            Terminal.Error.WriteLine($"jamcart: the payment provider refused: {e.Message}");
            return ExitCodes.StoreErrors;
        }
        catch (StoreConflictException e)
        {
            Terminal.Error.WriteLine($"jamcart: {e.Message}");
            return ExitCodes.StoreErrors;
        }
        catch (DbException e)
        {
            // The server went away or refused mid-command; each change is one transaction, committed whole or not at all.
            Terminal.Error.WriteLine($"jamcart: the store database failed: {e.Message}");
            return ExitCodes.StoreErrors;
        }
    }

    /// <summary>The line every command prints for a SQLite path that names no file, which it refuses rather than makes.</summary>
    public static string NoSuchFile(FileNotFoundException missing) =>
        $"jamcart: {missing.Message} Check the path; jamcart serve, jamcart dev and jamcart db migrate make one.";

    private static bool IsConfigFile(Diagnostic problem) =>
        string.Equals(Path.GetFileName(problem.Path), ConfigFile, StringComparison.Ordinal);

    /// <summary>The SQLite file <c>jamcart serve</c> and <c>jamcart dev</c> use when nothing names another, if the store has one.</summary>
    private static string? ServedDatabase(string storeRoot)
    {
        var path = Path.GetFullPath(Path.Combine(storeRoot, ServeCommand.DefaultDatabase));
        return File.Exists(path) ? "sqlite:" + path : null;
    }
}
