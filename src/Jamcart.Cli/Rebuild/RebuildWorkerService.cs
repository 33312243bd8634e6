using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Jamcart.Cli.Rebuild;

/// <summary>
/// The rebuild worker and the receipt sender as a hosted service of a web host: started with it, stopped (leases
/// released) with it. Receipts go out only when <c>JAMCART_SMTP_URL</c> is set, as under <c>jamcart worker</c>.
/// </summary>
internal sealed class RebuildWorkerService(string storeRoot, string outputRoot, string connectionString, ILoggerFactory loggers) : IHostedService
{
    private RebuildWorkerHost? _host;

    public async Task StartAsync(CancellationToken cancellationToken) =>
        _host = await RebuildWorkerHost.StartAsync(storeRoot, outputRoot, connectionString, target: null, loggers, onRebuild: null, cancellationToken,
            receipts: ReceiptSetup.ForWorker(storeRoot));

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Interlocked.Exchange(ref _host, null) is { } host)
        {
            await host.DisposeAsync();
        }
    }
}
