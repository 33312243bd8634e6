using System.Globalization;
using System.Text;

using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Site;

using Microsoft.Extensions.Logging;

namespace Jamcart.Worker;

/// <summary>
/// Keeps the static site in step with the store database: consumes the outbox (paid, refunded, expired, stock set,
/// catalog synced; receipts are left to the receipt sender), coalesces what is pending, re-renders through the warm
/// incremental build, publishes the files whose bytes changed, and only then marks the entries done. A crash anywhere before that leaves them pending, and
/// a start publishes whatever an earlier run rendered but did not publish, so every entry takes effect once.
/// One instance is active per store database (the lease); others wait and take over when it goes.
/// </summary>
public sealed partial class RebuildWorker : IAsyncDisposable
{
    private readonly RebuildWorkerOptions _options;
    private readonly ICheckoutStore _store;
    private readonly IStockSource _stock;
    private readonly IWorkerLease _lease;
    private readonly IPublishTarget? _target;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly HashSet<string> _unpublished = new(StringComparer.Ordinal);
    private readonly WakeSignal _wake;
    private Task _loop = Task.CompletedTask;
    private RebuildStatus _status = RebuildStatus.Standby;

    private RebuildWorker(RebuildWorkerOptions options, ICheckoutStore store, IStockSource stock, IWorkerLease lease,
        IPublishTarget? target, TimeProvider time, ILogger logger)
    {
        _options = options;
        _store = store;
        _stock = stock;
        _lease = lease;
        _target = target;
        _time = time;
        _wake = new WakeSignal(time);
        _logger = logger;
    }

    /// <summary>How the worker is doing now.</summary>
    public RebuildStatus Status => _status;

    /// <summary>
    /// Starts the worker in the background: it waits for the lease, brings the site up to date, publishes what an
    /// earlier run left unpublished, then follows the outbox until disposed.
    /// </summary>
    /// <param name="stock">Availability as the store database has it now (<c>CheckoutDatabase.Stock</c>).</param>
    /// <param name="lease">The lease that makes this instance the active one (<c>CheckoutDatabase.CreateLease</c>).</param>
    /// <param name="target">Where changed files go; null when the output folder is itself what is served.</param>
    public static RebuildWorker Start(RebuildWorkerOptions options, ICheckoutStore store, IStockSource stock, IWorkerLease lease,
        IPublishTarget? target, TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var worker = new RebuildWorker(options, store, stock, lease, target, time, loggers.CreateLogger<RebuildWorker>());
        worker._loop = Task.Run(() => worker.RunAsync(worker._stop.Token));
        return worker;
    }

    /// <summary>Looks at the outbox now rather than at the next poll (an order was just paid in this process).</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Stops after the step under way and gives the lease up; what was not marked done is redone by the next run.</summary>
    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                if (await _lease.TryAcquireAsync(stop))
                {
                    LogActive(_logger, _target?.Description ?? _options.OutputRoot);
                    await LeadAsync(stop);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (Exception exception)
            {
                // The database or the disk failed: start again from the outbox, which still holds everything not done.
                LogFailed(_logger, exception);
                _status = _status with { Active = false, LastError = exception.Message };
            }

            await _wake.PauseAsync(_options.LeaseRetry, stop);
        }

        await _lease.ReleaseAsync(CancellationToken.None);
        _status = _status with { Active = false };
    }

    /// <summary>The active instance's work, until the lease is lost or the worker stops.</summary>
    private async Task LeadAsync(CancellationToken stop)
    {
        var (site, opened) = await IncrementalSite.OpenAsync(
            new BuildOptions(_options.StoreRoot, _options.OutputRoot) { Stock = _stock, ChangeClock = _time }, stop);
        using (site)
        {
            ReportDiagnostics(opened);
            _status = _status with { Active = true };

            // Whatever an earlier run (this host's or another's) rendered but did not publish goes out first.
            if (!await PublishAsync(null, stop))
            {
                return;
            }

            while (!stop.IsCancellationRequested)
            {
                if (!await _lease.IsHeldAsync(stop))
                {
                    LogLeaseLost(_logger);
                    _status = _status with { Active = false };
                    return;
                }

                var pending = await ListPendingAsync(stop);
                if (pending.Count == 0)
                {
                    await _wake.WaitAsync(_options.PollInterval, stop);
                    continue;
                }

                if (!await RebuildAsync(site, pending, stop))
                {
                    return;
                }
            }
        }
    }

    /// <summary>One rebuild: coalesce, render, publish, mark done. False when the lease was lost on the way.</summary>
    private async Task<bool> RebuildAsync(IncrementalSite site, IReadOnlyList<OutboxEntry> pending, CancellationToken stop)
    {
        // A short debounce lets a burst land in one rebuild; bounded by the oldest entry's age, so a stream never waits long.
        var waited = _time.GetUtcNow() - pending[0].CreatedAt;
        var debounce = _options.MaxDelay - waited < _options.Debounce ? _options.MaxDelay - waited : _options.Debounce;
        if (debounce > TimeSpan.Zero)
        {
            await Task.Delay(debounce, _time, stop);
            pending = await ListPendingAsync(stop);
            if (pending.Count == 0)
            {
                // Another instance did them meanwhile: one that held the lease until this one took it over.
                return true;
            }
        }

        var started = _time.GetTimestamp();
        var build = pending.Any(entry => entry.Message.Kind == OutboxKinds.CatalogSynced)
            ? await site.ReloadAsync(stop)
            : await site.UpdateAvailabilityAsync([.. pending.SelectMany(entry => entry.Message.Skus).Distinct(StringComparer.Ordinal)], stop);
        ReportDiagnostics(build);
        _unpublished.UnionWith(build.ChangedPaths);
        var publish = _unpublished.Count == 0 ? null : await PublishChangedAsync(stop);
        if (_unpublished.Count > 0)
        {
            return false;
        }

        await _store.MarkOutboxDoneAsync([.. pending.Select(entry => entry.Id)], _time.GetUtcNow(), stop);
        if (_logger.IsEnabled(LogLevel.Debug))
        {
#pragma warning disable CA1873 // Guarded just above; the analyzer does not see guards around generated log methods.
            LogDone(_logger, pending.Count, new IdRanges(pending));
#pragma warning restore CA1873
        }

        _status = _status with
        {
            Rebuilds = _status.Rebuilds + 1,
            Renders = _status.Renders + (build.Rendered > 0 ? 1 : 0),
        };
        var report = new RebuildReport(pending.Count, pending[0].CreatedAt, _time.GetUtcNow(), build, publish, _time.GetElapsedTime(started));
        if (build.ChangedPaths.Count > 0)
        {
            LogRebuilt(_logger, pending.Count, build.Rendered, build.ChangedPaths.Count, report.Elapsed.TotalMilliseconds);
        }

        _options.OnRebuild?.Invoke(report);
        return true;
    }

    // Receipts share the outbox but are the receipt sender's: marking them done here would drop a buyer's e-mail.
    private Task<IReadOnlyList<OutboxEntry>> ListPendingAsync(CancellationToken stop) =>
        _store.ListPendingOutboxAsync(OutboxKinds.Rebuild, _time.GetUtcNow(), _options.BatchSize, stop);

    private async Task<PublishResult?> PublishChangedAsync(CancellationToken stop)
    {
        PublishResult? result = null;
        await PublishAsync([.. _unpublished], stop, published => result = published);
        return result;
    }

    /// <summary>
    /// Publishes <paramref name="paths"/> (everything when null), retrying with back-off until it succeeds; nothing is
    /// marked done meanwhile, so nothing is lost. False when the lease was lost before it succeeded.
    /// </summary>
    private async Task<bool> PublishAsync(IReadOnlyCollection<string>? paths, CancellationToken stop, Action<PublishResult>? done = null)
    {
        if (_target is null)
        {
            _unpublished.Clear();
            return true;
        }

        var delay = _options.PublishRetryFirst;
        for (var attempt = 1; ; attempt++)
        {
            // Checked right before publishing: a standby that took over must never see two publishers.
            if (!await _lease.IsHeldAsync(stop))
            {
                LogLeaseLost(_logger);
                _status = _status with { Active = false };
                return false;
            }

            try
            {
                var result = await _target.PublishAsync(new PublishRequest(_options.OutputRoot, paths), stop);
                _unpublished.Clear();
                _status = _status with { Publishes = _status.Publishes + 1, LastError = null };
                if (result.ChangedPaths.Count > 0)
                {
                    LogPublished(_logger, result.Written.Count, result.Deleted.Count, _target.Description, result.Elapsed.TotalMilliseconds);
                }

                done?.Invoke(result);
                return true;
            }
            catch (PublishException exception)
            {
                _status = _status with { LastError = exception.Message };
                LogPublishFailed(_logger, exception, attempt, delay.TotalSeconds);
                await Task.Delay(delay, _time, stop);
                delay = delay * 2 > _options.PublishRetryMax ? _options.PublishRetryMax : delay * 2;
            }
        }
    }

    private void ReportDiagnostics(BuildResult result)
    {
        foreach (var diagnostic in result.Diagnostics.Where(d => d.Severity == Severity.Error).Take(20))
        {
            LogStoreError(_logger, diagnostic.ToString());
        }
    }

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Rebuild worker active: publishing to {Target}")]
    private static partial void LogActive(ILogger logger, string target);

    [LoggerMessage(EventId = 301, Level = LogLevel.Warning, Message = "Rebuild worker lost its lease; another instance takes over, this one waits")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(EventId = 302, Level = LogLevel.Information, Message = "Rebuilt for {Entries} outbox entries: {Rendered} rendered, {Changed} files changed in {Milliseconds:0.0} ms")]
    private static partial void LogRebuilt(ILogger logger, int entries, int rendered, int changed, double milliseconds);

    [LoggerMessage(EventId = 303, Level = LogLevel.Debug, Message = "Marked {Entries} outbox entries done: {Ids}")]
    private static partial void LogDone(ILogger logger, int entries, IdRanges ids);

    [LoggerMessage(EventId = 304, Level = LogLevel.Information, Message = "Published {Written} files and deleted {Deleted} at {Target} in {Milliseconds:0.0} ms")]
    private static partial void LogPublished(ILogger logger, int written, int deleted, string target, double milliseconds);

    [LoggerMessage(EventId = 305, Level = LogLevel.Error, Message = "Publishing failed (attempt {Attempt}); nothing is marked done, trying again in {Seconds} s")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception, int attempt, double seconds);

    [LoggerMessage(EventId = 306, Level = LogLevel.Error, Message = "Rebuild worker failed; it starts again from the outbox")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 307, Level = LogLevel.Error, Message = "The store has an error, pages are not updated until it is fixed: {Diagnostic}")]
    private static partial void LogStoreError(ILogger logger, string diagnostic);

    /// <summary>Entry ids as ranges, <c>1-57,59,61-80</c>: a rebuild takes mostly consecutive ones.</summary>
    private sealed class IdRanges(IReadOnlyList<OutboxEntry> entries)
    {
        public override string ToString()
        {
            var ids = entries.Select(entry => entry.Id).Order().ToArray();
            var text = new StringBuilder();
            for (var i = 0; i < ids.Length; i++)
            {
                var first = ids[i];
                while (i + 1 < ids.Length && ids[i + 1] == ids[i] + 1)
                {
                    i++;
                }

                text.Append(text.Length == 0 ? "" : ",").Append(first.ToString(CultureInfo.InvariantCulture));
                if (ids[i] != first)
                {
                    text.Append('-').Append(ids[i].ToString(CultureInfo.InvariantCulture));
                }
            }

            return text.ToString();
        }
    }
}
