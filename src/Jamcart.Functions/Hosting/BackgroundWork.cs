using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Configuration;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Hosting;

/// <summary>
/// <see cref="RunMaintenance"/> on timers, for hosts that live between requests: reconciliation at start-up and then
/// every <see cref="BackgroundOptions.ReconcileInterval"/> (orders whose process died mid-way, reservations that ran
/// out, payments that succeeded late), and the purge of records past their retention every
/// <see cref="BackgroundOptions.PurgeInterval"/>. A platform that freezes idle instances calls
/// <c>POST /api/admin/maintenance</c> from a scheduler instead, which runs the same use case.
/// A failed run is logged and the next one tries again; it never stops the host.
/// </summary>
internal sealed partial class BackgroundWork(
    IServiceProvider services,
    IOptions<JamcartOptions> options,
    TimeProvider time,
    ILogger<BackgroundWork> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value.Background;
        if (!settings.Enabled)
        {
            LogDisabled(logger);
            return;
        }

        await Task.WhenAll(
            RepeatAsync("reconciliation", settings.ReconcileInterval, ct => Maintenance.ReconcileAsync(ct), stoppingToken),
            RepeatAsync("purge", settings.PurgeInterval, ct => Maintenance.PurgeAsync(ct), stoppingToken));
    }

    // Resolved when first used: the store database it needs opens as the host starts, not when this is built.
    private RunMaintenance Maintenance => services.GetRequiredService<RunMaintenance>();

    private async Task RepeatAsync(string name, TimeSpan interval, Func<CancellationToken, Task> work, CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(interval, time);
        do
        {
            try
            {
                await work(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception exception)
            {
                // The next run starts from the database again; one failure must not end the loop or the host.
                LogFailed(logger, exception, name);
            }
        }
        while (await WaitAsync(timer, stoppingToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 208, Level = LogLevel.Information, Message = "Background work is disabled (Jamcart:Background:Enabled is false)")]
    private static partial void LogDisabled(ILogger logger);

    [LoggerMessage(EventId = 209, Level = LogLevel.Error, Message = "Background {Work} failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception, string work);
}
