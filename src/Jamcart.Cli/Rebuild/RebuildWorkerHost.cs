using Jamcart.Site;
using Jamcart.Storage;
using Jamcart.Worker;
using Jamcart.Worker.Receipts;

using Microsoft.Extensions.Logging;

namespace Jamcart.Cli.Rebuild;

/// <summary>
/// The rebuild worker inside a CLI process (<c>jamcart serve</c>, <c>dev</c>, <c>worker</c>): its own connection to the
/// store database, the lease that makes it the one active instance, and the target it publishes to. The receipt
/// sender runs beside it on the same connection, with a lease of its own.
/// </summary>
/// <example>
/// From <c>jamcart dev</c>, after the first build (the output folder is what the dev server serves, so no target):
/// <code>
/// await using var rebuilds = await RebuildWorkerHost.StartAsync(storeRoot, outputRoot, database, target: null,
///     loggers, onRebuild: report => { if (report.Build.ChangedPaths.Count > 0) live.Notify(); }, cancellationToken);
/// </code>
/// </example>
internal sealed partial class RebuildWorkerHost : IAsyncDisposable
{
    private readonly CheckoutDatabase _database;
    private readonly IPublishTarget? _target;

    private RebuildWorkerHost(CheckoutDatabase database, RebuildWorker worker, ReceiptSender? receipts, IPublishTarget? target)
    {
        _database = database;
        Worker = worker;
        Receipts = receipts;
        _target = target;
    }

    public RebuildWorker Worker { get; }

    /// <summary>The receipt sender; null when this process leaves receipts pending (no SMTP server outside <c>jamcart dev</c>).</summary>
    public ReceiptSender? Receipts { get; }

    /// <summary>
    /// Opens the store database and starts the worker; it renders into <paramref name="outputRoot"/> and publishes to
    /// <paramref name="target"/>. A SQLite path that names no file is refused, never made: <c>serve</c> and <c>dev</c>
    /// have made theirs by now, and a mistyped path would otherwise publish an empty store's stock for ever.
    /// </summary>
    /// <exception cref="FileNotFoundException">There is no SQLite file at the path.</exception>
    /// <param name="target">Null when <paramref name="outputRoot"/> is itself what is served; disposed with the host.</param>
    /// <param name="tuning">Pacing other than the defaults (tests, benchmarks); its folders are replaced by these.</param>
    /// <param name="receipts">How receipts are delivered; null starts no receipt sender.</param>
    public static async Task<RebuildWorkerHost> StartAsync(string storeRoot, string outputRoot, string connectionString, IPublishTarget? target,
        ILoggerFactory loggers, Action<RebuildReport>? onRebuild, CancellationToken cancellationToken, RebuildWorkerOptions? tuning = null,
        ReceiptSetup? receipts = null)
    {
        ArgumentNullException.ThrowIfNull(loggers);
        var time = TimeProvider.System;
        var database = await CheckoutDatabase.OpenAsync(connectionString, time, loggers, create: false, cancellationToken: cancellationToken);
        var options = (tuning ?? new RebuildWorkerOptions { StoreRoot = storeRoot, OutputRoot = outputRoot }) with
        {
            StoreRoot = Path.GetFullPath(storeRoot),
            OutputRoot = Path.GetFullPath(outputRoot),
            OnRebuild = onRebuild ?? tuning?.OnRebuild,
        };
        var worker = RebuildWorker.Start(options, database.Store, database.Stock, database.CreateLease(options.LeaseName), target, time, loggers);
        ReceiptSender? sender = null;
        if (receipts?.Warning is { } warning)
        {
            LogReceiptsWarning(loggers.CreateLogger<ReceiptSender>(), warning);
        }

        if (receipts?.Delivery is { } delivery)
        {
            var receiptOptions = new ReceiptSenderOptions { StoreRoot = options.StoreRoot, From = receipts.From };
            sender = ReceiptSender.Start(receiptOptions, database.Store, database.CreateLease(receiptOptions.LeaseName), delivery, time, loggers);
        }

        return new RebuildWorkerHost(database, worker, sender, target);
    }

    public async ValueTask DisposeAsync()
    {
        if (Receipts is not null)
        {
            await Receipts.DisposeAsync();
        }

        await Worker.DisposeAsync();
        (_target as IDisposable)?.Dispose();
        await _database.DisposeAsync();
    }

    [LoggerMessage(EventId = 400, Level = LogLevel.Warning, Message = "{Warning}")]
    private static partial void LogReceiptsWarning(ILogger logger, string warning);
}
