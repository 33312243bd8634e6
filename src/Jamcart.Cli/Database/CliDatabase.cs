using System.Data.Common;

using Jamcart.Checkout.Storage;
using Jamcart.Cli.Output;
using Jamcart.Site;
using Jamcart.Storage;

namespace Jamcart.Cli.Database;

/// <summary>Opens the store database for a command, or explains on stderr why it cannot.</summary>
internal static class CliDatabase
{
    /// <summary>The open database, or null after printing why not (no database configured, unreachable, refused).</summary>
    public static async Task<CheckoutDatabase?> OpenAsync(DatabaseTarget target, CancellationToken cancellationToken, bool migrate = true)
    {
        var connectionString = target.ConnectionString ?? Environment.GetEnvironmentVariable(DatabaseSetting.EnvironmentVariable);
        if (string.IsNullOrEmpty(connectionString))
        {
            // Only now read the store folder: the option and the environment need none.
            var source = StoreLoader.Load(target.StoreRoot);
            connectionString = DatabaseSetting.Resolve(null, source.Config, source.Root);
        }

        if (string.IsNullOrEmpty(connectionString))
        {
            Terminal.Error.WriteLine(
                $"jamcart: no store database: pass --database, set {DatabaseSetting.EnvironmentVariable}, or add database: to {Path.Combine(target.StoreRoot, "jamcart.yml")}");
            return null;
        }

        try
        {
            return await CheckoutDatabase.OpenAsync(connectionString, TimeProvider.System, migrate: migrate, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is ArgumentException or DbException or StoreConflictException)
        {
            Terminal.Error.WriteLine($"jamcart: cannot open the store database: {e.Message}");
            return null;
        }
    }
}
