using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Serialization.Metadata;

using Jamcart.Payments.Stripe.Wire;

using Stripe;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// The adapter's calls through Stripe.net's <see cref="StripeClient"/>, the client of JIT builds: Stripe.net sends
/// them (authentication, API version, idempotency keys, retries and their back-off, error objects), with bodies
/// written by <see cref="StripeFormBody"/> and answers read by <see cref="StripeJsonContext"/>.
/// </summary>
/// <remarks>
/// Stripe.net's typed services encode options and decode answers by reflection on every call: a quarter of the
/// functions' CPU per checkout. Its raw requests go through the same client and rules, byte for byte the same on the
/// wire (the tests compare them with the typed services'), without that cost.
/// </remarks>
[RequiresUnreferencedCode(ReflectionReason)]
[RequiresDynamicCode(ReflectionReason)]
internal sealed class StripeNetApi : StripeApiCalls
{
    private const string ReflectionReason = "Stripe.net reads and writes JSON and form bodies with reflection; see StripeNetSwitch.";

    private readonly HttpClient _http;
    private readonly StripeClient _client;

    /// <param name="http">Sends every attempt; its timeout is the limit of one attempt.</param>
    /// <param name="apiBase">The base address without a trailing slash, or null for Stripe's own API.</param>
    public StripeNetApi(HttpClient http, string secretKey, string? apiBase, int maxNetworkRetries)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentException.ThrowIfNullOrWhiteSpace(secretKey);
        _http = http;
        _client = new StripeClient(new StripeClientOptions
        {
            ApiKey = secretKey,
            ApiBase = apiBase,
            HttpClient = new SystemNetHttpClient(
                http,
                maxNetworkRetries,
                new AppInfo { Name = "Jamcart" },
                // Latency telemetry is data sent to Stripe about the shop's traffic; Jamcart does not opt in on its behalf.
                enableTelemetry: false),
        });
    }

    /// <inheritdoc/>
    public override async Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> answer, CancellationToken cancellationToken) =>
        Read(await CallAsync(() => _client.RawRequestAsync(HttpMethod.Get, pathAndQuery, null, null, cancellationToken)), answer);

    /// <inheritdoc/>
    public override async Task<T> PostAsync<T>(string path, StripeFormBody? body, string? idempotencyKey, JsonTypeInfo<T> answer, CancellationToken cancellationToken)
    {
        // Without a key of the caller's, Stripe.net adds one of its own that all retries of the request share.
        var options = new RawRequestOptions { IdempotencyKey = idempotencyKey };
        return Read(await CallAsync(() => _client.RawRequestAsync(HttpMethod.Post, path, body?.ToString() ?? "", options, cancellationToken)), answer);
    }

    public override void Dispose() => _http.Dispose();

    private static T Read<T>(StripeResponse response, JsonTypeInfo<T> answer) =>
        StripeApiClient.Read(response.StatusCode, response.Content, answer);

    /// <summary>Stripe.net's <see cref="StripeException"/> as the own client reports the same answer, for one translation of both.</summary>
    private static async Task<T> CallAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (StripeException exception)
        {
            var error = exception.StripeError is { } stripeError
                ? new ErrorObject
                {
                    Type = stripeError.Type,
                    Code = stripeError.Code,
                    DeclineCode = stripeError.DeclineCode,
                    Message = stripeError.Message,
                    Param = stripeError.Param,
                    PaymentIntent = stripeError.PaymentIntent is { } intent ? new PaymentIntentObject { Id = intent.Id } : null,
                }
                : null;
            // Not chained: Stripe.net's message for an unreadable answer quotes the body, which may hold a client secret.
            throw new StripeApiException(
                exception.HttpStatusCode,
                error,
                error?.Message ?? $"Stripe answered HTTP {(int)exception.HttpStatusCode} without an error object Stripe.net could read.");
        }
    }
}
