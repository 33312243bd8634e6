using Jamcart.Core;
using Jamcart.Site;
using Jamcart.Storage;

namespace Jamcart.Cli.Database;

/// <summary>
/// The build's catalog sync against the store database named by the option, the environment or <c>jamcart.yml</c>.
/// Keeps the database open for the rest of the build, since pages then read their availability from it.
/// </summary>
/// <param name="outputRoot">The folder the site is built into: a SQLite file there would be published with the pages.</param>
/// <param name="databaseSource">
/// Where <paramref name="databaseOption"/> came from, for messages, when a command other than the build chose it
/// (<c>jamcart serve</c> hands on the database it found); by default the option itself.
/// </param>
internal sealed class DatabaseCatalogSync(string? databaseOption, TimeProvider time, string outputRoot, string? databaseSource = null) : ICatalogSync, IAsyncDisposable
{
    private CheckoutDatabase? _database;

    /// <summary>What the sync changed, for the build summary; null when the store has no database.</summary>
    public Checkout.Catalog.CatalogSyncResult? Result { get; private set; }

    public bool ConfiguredOutsideStore => DatabaseSetting.Resolve(databaseOption, null, "") is not null;

    public async Task<IStockSource?> OpenAsync(StoreSource source, CancellationToken cancellationToken)
    {
        var config = source.Config ?? throw new InvalidOperationException("Catalog sync runs only after the store validated.");
        if (DatabaseSetting.Resolve(databaseOption, config, source.Root) is not { } connectionString)
        {
            return null;
        }

        try
        {
            RefuseInsideOutput(connectionString, source);
            _database = await CheckoutDatabase.OpenAsync(connectionString, time, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (CheckoutDatabase.CannotOpen(e))
        {
            throw Failed(source, e);
        }

        return _database.Stock;
    }

    public async Task SyncAsync(StoreSource source, CancellationToken cancellationToken)
    {
        if (_database is null)
        {
            return;
        }

        try
        {
            Result = await _database.Store.SyncCatalogAsync(
                CatalogMapping.Settings(source.Config!, source), CatalogMapping.Items(source), time.GetUtcNow(), cancellationToken);
        }
        catch (Exception e) when (CheckoutDatabase.CannotOpen(e))
        {
            throw Failed(source, e);
        }
    }

    // Every file in the output folder is published (a folder, a bucket, a CDN): a database there would serve its
    // orders, e-mail and postal addresses to anyone who guesses its name. Checked before the file is made.
    private void RefuseInsideOutput(string connectionString, StoreSource source)
    {
        if (CheckoutDatabase.SqliteFileOf(connectionString) is not { } file)
        {
            return;
        }

        var output = Path.GetFullPath(outputRoot);
        var relative = Path.GetRelativePath(output, file);
        if (relative == ".." || relative.StartsWith(".." + Path.DirectorySeparatorChar, StringComparison.Ordinal) || Path.IsPathRooted(relative))
        {
            return;
        }

        var shown = Path.GetRelativePath(Environment.CurrentDirectory, output);
        throw new StoreDatabaseException(
            $"the store database ({SourceOf(source)}) is the SQLite file "
            + $"{relative} inside the output folder {shown}, which is published with the site: keep it outside, "
            + "like database: sqlite:.jamcart/store.db in jamcart.yml");
    }

    // The connection string's own text is never repeated: it may hold a password.
    private StoreDatabaseException Failed(StoreSource source, Exception e) =>
        new($"cannot sync the catalog to the store database ({SourceOf(source)}): {e.Message}", e);

    /// <summary>Where the database setting came from, for messages.</summary>
    private string SourceOf(StoreSource source) => databaseSource ?? DatabaseSetting.SourceOf(databaseOption, source.Config, source.Root);

    public async ValueTask DisposeAsync()
    {
        if (_database is not null)
        {
            await _database.DisposeAsync();
        }
    }
}
