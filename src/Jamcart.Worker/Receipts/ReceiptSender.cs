using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Core;

using Microsoft.Extensions.Logging;

namespace Jamcart.Worker.Receipts;

/// <summary>
/// Sends each paid order's receipt from the outbox (<see cref="OutboxKinds.ReceiptSend"/>, written in the transaction
/// that made the order paid): loads the order, renders the e-mail, hands it to the delivery, and only then marks the
/// entry done. A failure the server may get over puts the entry off with a growing wait; a refusal for good (a 5xx for
/// the address) marks it done and says why in the log, with the address masked.
/// </summary>
/// <remarks>
/// One sender is active per store database, elected by a lease of its own (the rebuild worker's mechanism), rather
/// than a claim per entry: receipts come one sale at a time, so one sender keeps up, and a lease needs no claim column
/// whose expiry would have to guess how long an SMTP conversation may take. Either way one window stays open, which
/// no SMTP client can close: a crash (or a lost lease) after the server's 250 and before the entry is marked done
/// sends that receipt again on the next run. It carries the same Message-ID (<c>receipt.ORDER@from-domain</c>), so
/// mail programs show it once.
/// </remarks>
public sealed partial class ReceiptSender : IAsyncDisposable
{
    private readonly ReceiptSenderOptions _options;
    private readonly ICheckoutStore _store;
    private readonly IWorkerLease _lease;
    private readonly IReceiptDelivery _delivery;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stop = new();
    private readonly WakeSignal _wake;
    private Task _loop = Task.CompletedTask;
    private readonly Lock _statusLock = new();
    private ReceiptSenderStatus _status = ReceiptSenderStatus.Standby;
    private (string Fingerprint, ReceiptRenderer Renderer)? _renderer;
    private string? _renderProblem;

    private ReceiptSender(ReceiptSenderOptions options, ICheckoutStore store, IWorkerLease lease, IReceiptDelivery delivery, TimeProvider time, ILogger logger)
    {
        _options = options;
        _store = store;
        _lease = lease;
        _delivery = delivery;
        _time = time;
        _wake = new WakeSignal(time);
        _logger = logger;
    }

    /// <summary>How the sender is doing now.</summary>
    public ReceiptSenderStatus Status => _status;

    /// <summary>Where receipts go.</summary>
    public string Destination => _delivery.Description;

    /// <summary>Starts the sender in the background: it waits for its lease, then follows the outbox until disposed.</summary>
    /// <param name="lease">The lease named <see cref="ReceiptSenderOptions.LeaseName"/> (<c>CheckoutDatabase.CreateLease</c>).</param>
    public static ReceiptSender Start(ReceiptSenderOptions options, ICheckoutStore store, IWorkerLease lease, IReceiptDelivery delivery,
        TimeProvider time, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(loggers);
        var sender = new ReceiptSender(options, store, lease, delivery, time, loggers.CreateLogger<ReceiptSender>());
        sender._loop = Task.Run(() => sender.RunAsync(sender._stop.Token));
        return sender;
    }

    /// <summary>Looks at the outbox now rather than at the next poll.</summary>
    public void Wake() => _wake.Wake();

    /// <summary>Stops after the receipt under way and gives the lease up; what was not marked done is sent by the next run.</summary>
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
                    LogActive(_logger, _delivery.Description);
                    await LeadAsync(stop);
                    continue;
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                break;
            }
            catch (ReceiptRenderException exception)
            {
                // The store needs a fix; receipts stay pending meanwhile, nothing is lost. Said once, not every second.
                if (exception.Message != _renderProblem)
                {
                    LogCannotRender(_logger, exception.Message);
                }

                _renderProblem = exception.Message;
                _status = _status with { LastError = exception.Message };
            }
            catch (Exception exception)
            {
                // The database failed: start again from the outbox, which still holds every receipt not sent.
                LogFailed(_logger, exception);
                _status = _status with { Active = false, LastError = exception.Message };
            }

            await _wake.PauseAsync(_options.LeaseRetry, stop);
        }

        await _lease.ReleaseAsync(CancellationToken.None);
        _status = _status with { Active = false };
    }

    private async Task LeadAsync(CancellationToken stop)
    {
        _status = _status with { Active = true };
        while (!stop.IsCancellationRequested)
        {
            if (!await _lease.IsHeldAsync(stop))
            {
                LogLeaseLost(_logger);
                _status = _status with { Active = false };
                return;
            }

            var pending = await _store.ListPendingOutboxAsync(OutboxKinds.Receipts, _time.GetUtcNow(), _options.BatchSize, stop);
            if (pending.Count == 0)
            {
                await _wake.WaitAsync(_options.PollInterval, stop);
                continue;
            }

            var renderer = CurrentRenderer();
            var lost = 0;
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, _options.Concurrency), CancellationToken = stop };
            await Parallel.ForEachAsync(pending, parallel, async (entry, cancellationToken) =>
            {
                // Checked before each send: a standby that took over must not find a second sender still at work.
                if (Volatile.Read(ref lost) != 0 || !await _lease.IsHeldAsync(cancellationToken))
                {
                    Interlocked.Exchange(ref lost, 1);
                    return;
                }

                await SendAsync(renderer, entry, cancellationToken);
            });
            if (lost != 0)
            {
                LogLeaseLost(_logger);
                UpdateStatus(status => status with { Active = false });
                return;
            }
        }
    }

    private async Task SendAsync(ReceiptRenderer renderer, OutboxEntry entry, CancellationToken stop)
    {
        Order? order;
        while (true)
        {
            order = entry.Message.OrderId is { } orderId ? await _store.GetOrderAsync(orderId, stop) : null;
            if (order is null)
            {
                LogNoOrder(_logger, entry.Id, entry.Message.OrderId);
                await MarkDoneAsync(entry, refused: true, stop);
                return;
            }

            if (order.IsReceiptDue)
            {
                break;
            }

            // Refunded whole before its receipt went out: a receipt would tell the buyer they paid, and they did not keep
            // paying. Nothing is sent, and the entry is done; the order keeps that its receipt was held back, so that a
            // refund failing later (paid again) queues it again. Written only over the order as read: one that a failed
            // refund made paid again since is read again, and gets its receipt now.
            if (await _store.TryUpdateOrderAsync(order with { ReceiptWithheld = true }, stop))
            {
                LogNotDue(_logger, order.Id, order.Status);
                await MarkDoneAsync(entry, refused: true, stop);
                return;
            }
        }

        var recipient = EmailMask.Mask(order.Email, stars: 3);
        try
        {
            var message = await renderer.RenderAsync(order);
            await _delivery.DeliverAsync(message, stop);
            await MarkDoneAsync(entry, refused: false, stop);
            LogSent(_logger, order.Id, recipient, entry.Attempts + 1);
        }
        catch (ReceiptDeliveryException exception) when (exception.Permanent)
        {
            LogRefused(_logger, order.Id, recipient, exception.Message);
            await MarkDoneAsync(entry, refused: true, stop);
        }
        catch (ReceiptDeliveryException exception)
        {
            UpdateStatus(status => status with { LastError = exception.Message });
            var now = _time.GetUtcNow();
            if (now - entry.CreatedAt >= _options.GiveUpAfter)
            {
                LogGivenUp(_logger, order.Id, recipient, entry.Attempts + 1, exception.Message);
                await MarkDoneAsync(entry, refused: true, stop);
                return;
            }

            var wait = Backoff(entry.Attempts);
            await _store.DeferOutboxAsync(entry.Id, now + wait, stop);
            UpdateStatus(status => status with { Deferred = status.Deferred + 1 });
            LogDeferred(_logger, order.Id, recipient, entry.Attempts + 1, wait.TotalSeconds, exception.Message);
        }
    }

    private async Task MarkDoneAsync(OutboxEntry entry, bool refused, CancellationToken stop)
    {
        await _store.MarkOutboxDoneAsync([entry.Id], _time.GetUtcNow(), stop);
        // The same words as the rebuild worker's, so one reading of a worker's log finds every entry it marked done.
        LogDone(_logger, 1, entry.Id);
        UpdateStatus(status => refused
            ? status with { Refused = status.Refused + 1 }
            : status with { Sent = status.Sent + 1, LastError = null });
    }

    private TimeSpan Backoff(int attempts)
    {
        var wait = _options.RetryFirst;
        for (var i = 0; i < attempts && wait < _options.RetryMax; i++)
        {
            wait *= 2;
        }

        return wait < _options.RetryMax ? wait : _options.RetryMax;
    }

    /// <summary>The renderer for the store as it is now: read again only when jamcart.yml, a template or a strings file changed.</summary>
    // Receipts in flight finish concurrently: their counts must not overwrite each other.
    private void UpdateStatus(Func<ReceiptSenderStatus, ReceiptSenderStatus> change)
    {
        lock (_statusLock)
        {
            _status = change(_status);
        }
    }

    private ReceiptRenderer CurrentRenderer()
    {
        var fingerprint = StoreFingerprint(_options.StoreRoot);
        if (_renderer is { } cached && cached.Fingerprint == fingerprint)
        {
            return cached.Renderer;
        }

        var renderer = ReceiptRenderer.Load(_options.StoreRoot, _options.From);
        _renderer = (fingerprint, renderer);
        _renderProblem = null;
        return renderer;
    }

    private static string StoreFingerprint(string root)
    {
        var files = new List<string> { Path.Combine(root, "jamcart.yml") };
        foreach (var (folder, pattern) in new[] { ("templates", "*.liquid"), ("i18n", "*.yml") })
        {
            var path = Path.Combine(root, folder);
            if (Directory.Exists(path))
            {
                files.AddRange(Directory.EnumerateFiles(path, pattern));
            }
        }

        return string.Join('|', files.Order(StringComparer.Ordinal).Select(file =>
        {
            var info = new FileInfo(file);
            return info.Exists ? $"{file}:{info.LastWriteTimeUtc.Ticks}:{info.Length}" : file;
        }));
    }

    [LoggerMessage(EventId = 320, Level = LogLevel.Information, Message = "Receipt sender active: sending to {Destination}")]
    private static partial void LogActive(ILogger logger, string destination);

    [LoggerMessage(EventId = 321, Level = LogLevel.Warning, Message = "Receipt sender lost its lease; another instance takes over, this one waits")]
    private static partial void LogLeaseLost(ILogger logger);

    [LoggerMessage(EventId = 322, Level = LogLevel.Information, Message = "Receipt for order {OrderId} sent to {Recipient} (attempt {Attempt})")]
    private static partial void LogSent(ILogger logger, string orderId, string recipient, int attempt);

    [LoggerMessage(EventId = 323, Level = LogLevel.Warning, Message = "Receipt for order {OrderId} to {Recipient} refused for good, not sent: {Reason}")]
    private static partial void LogRefused(ILogger logger, string orderId, string recipient, string reason);

    [LoggerMessage(EventId = 324, Level = LogLevel.Warning, Message = "Receipt for order {OrderId} to {Recipient} not delivered (attempt {Attempt}), trying again in {Seconds} s: {Reason}")]
    private static partial void LogDeferred(ILogger logger, string orderId, string recipient, int attempt, double seconds, string reason);

    [LoggerMessage(EventId = 325, Level = LogLevel.Error, Message = "Receipt for order {OrderId} to {Recipient} given up after {Attempts} attempts: {Reason}")]
    private static partial void LogGivenUp(ILogger logger, string orderId, string recipient, int attempts, string reason);

    [LoggerMessage(EventId = 326, Level = LogLevel.Warning, Message = "Receipt outbox entry {EntryId} names no order that exists ({OrderId}); marked done")]
    private static partial void LogNoOrder(ILogger logger, long entryId, string? orderId);

    [LoggerMessage(EventId = 327, Level = LogLevel.Debug, Message = "Marked {Entries} outbox entries done: {Ids}")]
    private static partial void LogDone(ILogger logger, int entries, long ids);

    [LoggerMessage(EventId = 328, Level = LogLevel.Error, Message = "Receipts cannot be rendered, they wait until this is fixed: {Problem}")]
    private static partial void LogCannotRender(ILogger logger, string problem);

    [LoggerMessage(EventId = 329, Level = LogLevel.Error, Message = "Receipt sender failed; it starts again from the outbox")]
    private static partial void LogFailed(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 330, Level = LogLevel.Information, Message = "Receipt for order {OrderId} not sent: the order is {Status} now, no longer paid; marked done")]
    private static partial void LogNotDue(ILogger logger, string orderId, OrderStatus status);
}
