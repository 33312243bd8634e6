using Jamcart.Checkout.Idempotency;
using Jamcart.Checkout.Storage;
using Jamcart.Functions.Configuration;
using Jamcart.Storage;
using Jamcart.Storage.RateLimits;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Hosting;

/// <summary>
/// Opens the store database (applying its migrations) before the host takes requests, and closes it at shutdown.
/// A database that cannot be opened stops the start-up with its reason, rather than failing every request later.
/// </summary>
internal sealed class CheckoutDatabaseHost(
    IOptions<JamcartOptions> options,
    TimeProvider time,
    ILoggerFactory loggers) : IHostedLifecycleService, IAsyncDisposable
{
    private CheckoutDatabase? _database;

    public ICheckoutStore Store => Opened.Store;

    public IIdempotencyStore Idempotency => Opened.Idempotency;

    public IMaintenanceStore Maintenance => Opened.Maintenance;

    public RateLimitCounter RateLimits => Opened.RateLimits;

    private CheckoutDatabase Opened => _database ?? throw new InvalidOperationException("The store database is not open: the host has not started.");

    /// <summary>
    /// Opens the database unless it is open already. Opening logs what it opened and which migrations it applied.
    /// </summary>
    /// <exception cref="StoreDatabaseUnavailableException">It cannot be opened or migrated; the message says why.</exception>
    public async Task OpenAsync(CancellationToken cancellationToken)
    {
        try
        {
            if (_database is null)
            {
                var opened = await CheckoutDatabase.OpenAsync(options.Value.Database, time, loggers, options.Value.MigrateOnStart, cancellationToken: cancellationToken);
                try
                {
                    if (!options.Value.MigrateOnStart)
                    {
                        // Health would still answer, and every other request would fail on a table that is not there.
                        await opened.EnsureMigratedAsync(cancellationToken);
                    }
                }
                catch
                {
                    await opened.DisposeAsync();
                    throw;
                }

                _database = opened;
            }
        }
        catch (Exception e) when (CheckoutDatabase.CannotOpen(e))
        {
            throw new StoreDatabaseUnavailableException($"cannot open the store database: {e.Message}", e);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => OpenAsync(cancellationToken);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _database, null) is { } database)
        {
            await database.DisposeAsync();
        }
    }
}
