using System.Diagnostics.CodeAnalysis;

using Jamcart.Payments.Stripe.Wire;

using Stripe;

namespace Jamcart.Payments.Stripe;

/// <summary>The adapter's calls through Stripe.net's <see cref="StripeClient"/> and its services: the client of JIT builds.</summary>
[RequiresUnreferencedCode(ReflectionReason)]
[RequiresDynamicCode(ReflectionReason)]
internal sealed class StripeNetApi : IStripeApi
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

    public Task<StripeIntent> CreatePaymentIntentAsync(
        long amount,
        string currency,
        string? description,
        IReadOnlyDictionary<string, string> metadata,
        string idempotencyKey,
        CancellationToken cancellationToken)
    {
        var options = new PaymentIntentCreateOptions
        {
            // Cards only, so that confirming never needs a return_url for a redirect method. The endive API no longer
            // accepts payment_method_types on create; allowed_payment_method_types is its replacement.
            AllowedPaymentMethodTypes = ["card"],
            Amount = amount,
            Currency = currency,
            Description = description,
            Metadata = new Dictionary<string, string>(metadata, StringComparer.Ordinal),
        };
        return IntentAsync(() => _client.V1.PaymentIntents.CreateAsync(options, Keyed(idempotencyKey), cancellationToken));
    }

    public Task<StripeIntent> GetPaymentIntentAsync(string paymentIntentId, bool withLatestCharge, CancellationToken cancellationToken)
    {
        PaymentIntentGetOptions? options = null;
        if (withLatestCharge)
        {
            options = new PaymentIntentGetOptions();
            options.AddExpand("latest_charge");
        }

        return IntentAsync(() => _client.V1.PaymentIntents.GetAsync(paymentIntentId, options, null, cancellationToken));
    }

    public Task<StripeIntent> CancelPaymentIntentAsync(string paymentIntentId, string idempotencyKey, CancellationToken cancellationToken) =>
        IntentAsync(() => _client.V1.PaymentIntents.CancelAsync(paymentIntentId, new PaymentIntentCancelOptions(), Keyed(idempotencyKey), cancellationToken));

    public async Task<StripeRefund> CreateRefundAsync(string paymentIntentId, long? amount, string? reason, string idempotencyKey, CancellationToken cancellationToken)
    {
        var options = new RefundCreateOptions { PaymentIntent = paymentIntentId, Amount = amount, Reason = reason };
        var refund = await CallAsync(() => _client.V1.Refunds.CreateAsync(options, Keyed(idempotencyKey), cancellationToken));
        return new StripeRefund(
            refund.Id,
            refund.PaymentIntentId,
            refund.Amount,
            refund.Currency,
            refund.Status,
            new DateTimeOffset(DateTime.SpecifyKind(refund.Created, DateTimeKind.Utc)));
    }

    public void Dispose() => _http.Dispose();

    private static RequestOptions Keyed(string idempotencyKey) => new() { IdempotencyKey = idempotencyKey };

    private static async Task<StripeIntent> IntentAsync(Func<Task<PaymentIntent>> call)
    {
        var intent = await CallAsync(call);
        return new StripeIntent(
            intent.Id,
            intent.Status,
            intent.Amount,
            intent.Currency,
            intent.Metadata?.GetValueOrDefault(StripePaymentMapping.OrderIdKey),
            intent.ClientSecret,
            intent.LastPaymentError is { } error ? StripePaymentMapping.ToError(error.Type, error.Code, error.DeclineCode, error.Message) : null,
            intent.LatestCharge?.AmountRefunded);
    }

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
