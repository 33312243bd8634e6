using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

using Jamcart.Payments.Stripe.Wire;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// Stripe's HTTP API, called the way Stripe.net calls it: the secret key as a bearer token, the pinned API version,
/// form-encoded bodies, an idempotency key on every POST that all retries of it share, and Stripe.net's retry rules.
/// The adapter's client when Stripe.net is switched off (<see cref="StripeNetSwitch"/>).
/// </summary>
/// <remarks>
/// Stripe.net itself cannot be compiled ahead of time without warnings: its client reaches Newtonsoft.Json and
/// reflection-based System.Text.Json converters even for raw requests (building its user-agent header, reading an
/// error body). So the Native AOT build speaks the few calls the adapter makes itself and reads the answers with
/// <see cref="StripeJsonContext"/>; the tests check every request against what Stripe.net sends for the same call.
/// </remarks>
internal sealed class StripeApiClient : StripeApiCalls
{
    /// <summary>The API version every request pins: the one Stripe.net 53.1.0 pins (a test keeps the two equal).</summary>
    public const string ApiVersion = "2026-10-28.endive";

    /// <summary>Stripe's own API, when no other base is configured.</summary>
    public const string DefaultApiBase = "https://api.stripe.com";

    // Stripe.net's back-off: 0.5 s doubled per retry, at most 5 s, scaled by a random 75–100 %, never under 0.5 s.
    private static readonly TimeSpan MinRetryDelay = TimeSpan.FromMilliseconds(500);
    private static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(5);

    private readonly HttpClient _http;
    private readonly string _apiBase;
    private readonly AuthenticationHeaderValue _authorization;
    private readonly int _maxNetworkRetries;

    /// <param name="http">Sends every attempt; its timeout is the limit of one attempt.</param>
    /// <param name="apiBase">The base address without a trailing slash; paths are appended as written.</param>
    public StripeApiClient(HttpClient http, string secretKey, string apiBase, int maxNetworkRetries)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretKey);
        ArgumentException.ThrowIfNullOrWhiteSpace(apiBase);
        _http = http;
        _authorization = new AuthenticationHeaderValue("Bearer", secretKey);
        _apiBase = apiBase;
        _maxNetworkRetries = maxNetworkRetries;
    }

    /// <inheritdoc/>
    public override Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Get, pathAndQuery, null, null, answer, cancellationToken);

    /// <inheritdoc/>
    public override Task<T> PostAsync<T>(string path, StripeFormBody? body, string? idempotencyKey, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Post, path, body?.ToString() ?? "", idempotencyKey ?? Guid.NewGuid().ToString(), answer, cancellationToken);

    public override void Dispose() => _http.Dispose();

    private async Task<T> SendAsync<T>(
        HttpMethod method,
        string pathAndQuery,
        string? form,
        string? idempotencyKey,
        JsonTypeInfo<T> answer,
        CancellationToken cancellationToken)
    {
        var uri = new Uri(_apiBase + pathAndQuery);
        for (var retry = 0; ; retry++)
        {
            using var request = new HttpRequestMessage(method, uri);
            request.Headers.Authorization = _authorization;
            request.Headers.TryAddWithoutValidation("User-Agent", "Jamcart");
            request.Headers.Add("Stripe-Version", ApiVersion);
            if (idempotencyKey is not null)
            {
                request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
            }

            if (form is not null)
            {
                request.Content = new StringContent(form, Encoding.UTF8, "application/x-www-form-urlencoded");
            }

            HttpResponseMessage? response = null;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
                var content = await response.Content.ReadAsStringAsync(cancellationToken);
                if (!ShouldRetry(retry, response))
                {
                    return Read(response.StatusCode, content, answer);
                }
            }
            catch (Exception exception) when (retry < _maxNetworkRetries && IsNetworkFailure(exception, cancellationToken))
            {
                // Retried below, like a 5xx: the idempotency key makes a second attempt safe.
            }
            finally
            {
                response?.Dispose();
            }

            // Real time, not the adapter's TimeProvider: this waits on a remote server, and a test's frozen clock
            // would otherwise hold every retry forever.
            await Task.Delay(RetryDelay(retry + 1), cancellationToken);
        }
    }

    private static bool IsNetworkFailure(Exception exception, CancellationToken cancellationToken) =>
        exception is HttpRequestException
        || (exception is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Stripe.net's rules: Stripe's <c>Stripe-Should-Retry</c> header decides first, then 409 and 5xx are retried.</summary>
    private bool ShouldRetry(int retry, HttpResponseMessage response)
    {
        if (retry >= _maxNetworkRetries)
        {
            return false;
        }

        if (response.Headers.TryGetValues("Stripe-Should-Retry", out var values))
        {
            switch (values.First())
            {
                case "true":
                    return true;
                case "false":
                    return false;
            }
        }

        return response.StatusCode == HttpStatusCode.Conflict || (int)response.StatusCode >= 500;
    }

    private static TimeSpan RetryDelay(int retry)
    {
        var delay = MinRetryDelay * Math.Pow(2, retry - 1);
        if (delay > MaxRetryDelay)
        {
            delay = MaxRetryDelay;
        }

        // Jitter spreads the retries of many instances that failed together; it needs no unpredictability.
        delay *= (3.0 + Random.Shared.NextDouble()) / 4.0;
        return delay < MinRetryDelay ? MinRetryDelay : delay;
    }

    /// <summary>An answer of Stripe as <typeparamref name="T"/>, or Stripe's refusal as <see cref="StripeApiException"/>.</summary>
    internal static T Read<T>(HttpStatusCode status, string content, JsonTypeInfo<T> answer)
    {
        if (status != HttpStatusCode.OK)
        {
            var error = ReadError(content);
            throw new StripeApiException(status, error, error?.Message ?? $"Stripe answered HTTP {(int)status} without an error object.");
        }

        try
        {
            return JsonSerializer.Deserialize(content, answer)
                ?? throw new JsonException("The answer was null.");
        }
        catch (JsonException)
        {
            // Stripe.net's wording for the same case; the body is not quoted, it may hold a client secret.
            throw new StripeApiException(status, null, "Invalid response object from API.");
        }
    }

    private static ErrorObject? ReadError(string content)
    {
        try
        {
            return JsonSerializer.Deserialize(content, StripeJsonContext.Default.ErrorResponse)?.Error;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
