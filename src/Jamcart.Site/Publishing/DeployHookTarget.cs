using System.Net;

namespace Jamcart.Site;

/// <summary>
/// For hosts that build the site themselves (Netlify, Vercel, Cloudflare Pages): a publish that changed anything
/// POSTs to the host's deploy hook, retrying network failures, 408, 429 and 5xx with back-off, and never more often
/// than <see cref="DeployHookOptions.MinInterval"/>, so a run of sales costs one host build.
/// </summary>
public sealed class DeployHookTarget(Uri hook, HttpClient http, TimeProvider time, DeployHookOptions? options = null) : IPublishTarget
{
    private readonly DeployHookOptions _options = options ?? new DeployHookOptions();
    private DateTimeOffset? _lastCall;

    /// <summary>The hook's host only: the rest of a hook URL is its secret.</summary>
    public string Description => $"deploy hook at {hook.Host}";

    public async Task<PublishResult> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var started = time.GetTimestamp();

        // A whole-folder publish calls too: after a restart nobody knows whether the last call was made.
        var paths = request.Paths?.Order(StringComparer.Ordinal).ToList();
        if (paths is { Count: 0 })
        {
            return PublishResult.Nothing(time.GetElapsedTime(started));
        }

        if (_lastCall is { } last && time.GetUtcNow() - last < _options.MinInterval)
        {
            await Task.Delay(_options.MinInterval - (time.GetUtcNow() - last), time, cancellationToken);
        }

        await CallAsync(cancellationToken);
        _lastCall = time.GetUtcNow();
        return new PublishResult(paths ?? [], [], 0, time.GetElapsedTime(started));
    }

    private async Task CallAsync(CancellationToken cancellationToken)
    {
        var delay = _options.FirstDelay;
        for (var attempt = 1; ; attempt++)
        {
            string failure;
            TimeSpan? retryAfter = null;
            try
            {
                using var content = new ByteArrayContent([]);
                using var response = await http.PostAsync(hook, content, cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }

                failure = $"answered {(int)response.StatusCode} {response.ReasonPhrase}";
                if (!IsRetryable(response.StatusCode))
                {
                    throw new PublishException($"The {Description} {failure}; check the hook's URL.");
                }

                retryAfter = response.Headers.RetryAfter?.Delta;
            }
            catch (HttpRequestException e)
            {
                failure = $"could not be reached ({e.Message})";
            }
            catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
            {
                failure = $"did not answer in time ({e.Message})";
            }

            if (attempt >= _options.MaxAttempts)
            {
                throw new PublishException($"The {Description} {failure}, {attempt} times.");
            }

            var wait = retryAfter is { } asked && asked > delay ? asked : delay;
            await Task.Delay(wait > _options.MaxDelay ? _options.MaxDelay : wait, time, cancellationToken);
            delay = delay * 2 > _options.MaxDelay ? _options.MaxDelay : delay * 2;
        }
    }

    private static bool IsRetryable(HttpStatusCode status) =>
        status is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)status >= 500;
}
