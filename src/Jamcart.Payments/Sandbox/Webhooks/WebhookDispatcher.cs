using System.Net.Http.Headers;
using System.Text;

using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Webhooks;

/// <summary>
/// Posts every event to the webhook URL, signed as Stripe signs, from a background loop that never holds up an API
/// request; a delivery that gets no 2xx is retried on <see cref="RetrySchedule"/>. <see cref="SandboxChaos"/> can
/// duplicate, delay and reorder deliveries, the way real webhooks sometimes arrive.
/// </summary>
internal sealed class WebhookDispatcher : IAsyncDisposable
{
    private readonly Uri? _endpoint;
    private readonly string _secret;
    private readonly TimeProvider _time;
    private readonly ChaosDice _dice;
    private readonly HttpClient _http;
    private readonly Lock _gate = new();
    private readonly List<WebhookDelivery> _pending = [];
    private readonly SemaphoreSlim _passGate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private TaskCompletionSource _wake = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task _loop = Task.CompletedTask;
    private long _sequence;
    private int _deliveredSinceReport;

    public WebhookDispatcher(Uri? endpoint, string secret, SandboxChaos chaos, TimeProvider time)
    {
        _endpoint = endpoint;
        _secret = secret;
        _time = time;
        _dice = new ChaosDice(chaos);
        _http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        _http.DefaultRequestHeaders.UserAgent.ParseAdd("Stripe/1.0 (+https://stripe.com/docs/webhooks)");
    }

    public void Start()
    {
        if (_endpoint is not null)
        {
            _loop = Task.Run(() => RunAsync(_stop.Token));
        }
    }

    /// <summary>Queues an event for delivery (called under the ledger's lock, so it only records and wakes the loop).</summary>
    public void Enqueue(EventRecord record)
    {
        if (_endpoint is null)
        {
            return;
        }

        record.PendingWebhooks = 1;
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            _pending.Add(new WebhookDelivery(record, now + _dice.Delay(), ++_sequence));
            if (_dice.Duplicate())
            {
                _pending.Add(new WebhookDelivery(record, now + _dice.Delay(), ++_sequence));
            }
        }

        Volatile.Read(ref _wake).TrySetResult();
    }

    /// <summary>
    /// Tries every queued delivery once, now, whatever its schedule, after any delivery already under way. Returns how
    /// many deliveries got a 2xx since the previous call, whether this call or the background loop made them, so a
    /// test's count does not depend on which of the two got there first.
    /// </summary>
    public async Task<int> DeliverPendingAsync(CancellationToken cancellationToken)
    {
        await PassAsync(dueOnly: false, cancellationToken);
        return Interlocked.Exchange(ref _deliveredSinceReport, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        try
        {
            await _loop;
        }
        catch (OperationCanceledException)
        {
            // Stopping: a delivery cut short stays undelivered, as when Stripe's endpoint goes away.
        }

        _http.Dispose();
        _stop.Dispose();
        _passGate.Dispose();
    }

    private async Task RunAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            var wake = Volatile.Read(ref _wake);
            var wait = NextDueIn();
            if (wait is null || wait > TimeSpan.Zero)
            {
                using var sleep = CancellationTokenSource.CreateLinkedTokenSource(stop);
                var timer = wait is { } due ? Task.Delay(due, _time, sleep.Token) : Task.Delay(Timeout.Infinite, sleep.Token);
                await Task.WhenAny(wake.Task, timer);
                await sleep.CancelAsync();
            }

            if (wake.Task.IsCompleted)
            {
                Interlocked.CompareExchange(ref _wake, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously), wake);
            }

            if (!stop.IsCancellationRequested)
            {
                await PassAsync(dueOnly: true, stop);
            }
        }
    }

    private TimeSpan? NextDueIn()
    {
        lock (_gate)
        {
            return _pending.Count == 0 ? null : _pending.Min(delivery => delivery.DueAt) - _time.GetUtcNow();
        }
    }

    private async Task PassAsync(bool dueOnly, CancellationToken cancellationToken)
    {
        if (_endpoint is null)
        {
            return;
        }

        await _passGate.WaitAsync(cancellationToken);
        try
        {
            List<WebhookDelivery> batch;
            var now = _time.GetUtcNow();
            lock (_gate)
            {
                batch = [.. _pending
                    .Where(delivery => !dueOnly || delivery.DueAt <= now)
                    .OrderBy(delivery => delivery.DueAt)
                    .ThenBy(delivery => delivery.Sequence)];
            }

            _dice.Shuffle(batch);
            foreach (var delivery in batch)
            {
                Settle(delivery, await SendAsync(_endpoint, delivery.Event, cancellationToken));
            }
        }
        finally
        {
            _passGate.Release();
        }
    }

    private void Settle(WebhookDelivery delivery, bool succeeded)
    {
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            if (succeeded)
            {
                _pending.Remove(delivery);
                delivery.Event.PendingWebhooks = 0;
                _deliveredSinceReport++;
                return;
            }

            delivery.Attempts++;
            if (!RetrySchedule.GivesUp(delivery.Attempts, DateTimeOffset.FromUnixTimeSeconds(delivery.Event.Created), now))
            {
                delivery.DueAt = now + RetrySchedule.After(delivery.Attempts);
                return;
            }

            _pending.Remove(delivery);
            if (!_pending.Any(other => other.Event == delivery.Event))
            {
                delivery.Event.PendingWebhooks = 0;
            }
        }
    }

    private async Task<bool> SendAsync(Uri endpoint, EventRecord record, CancellationToken cancellationToken)
    {
        var body = JsonOutput.Serialize(EventJson.Render(record));
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" }),
        };
        request.Headers.TryAddWithoutValidation("Stripe-Signature", WebhookSignature.Header(_secret, _time.GetUtcNow().ToUnixTimeSeconds(), body));
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            return response.IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The endpoint took longer than the delivery timeout: a failed attempt, as at Stripe.
            return false;
        }
    }
}
