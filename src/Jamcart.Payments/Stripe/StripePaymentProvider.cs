using System.Globalization;
using System.Text.Json;

using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe.Wire;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// The payment port over Stripe's PaymentIntents API (see <see cref="StripeApiClient"/>): the <c>stripe</c> provider
/// against Stripe itself, and the <c>sandbox</c> provider against Jamcart's Stripe-compatible sandbox, with one code
/// path for both.
/// </summary>
public sealed class StripePaymentProvider : IPaymentProvider, IDisposable
{
    private readonly string _name;
    private readonly string[] _webhookSecrets;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _webhookTolerance;
    private readonly StripeApiClient _api;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;

    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public StripePaymentProvider(StripeProviderOptions options, ILogger<StripePaymentProvider> logger, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(logger);
        ArgumentNullException.ThrowIfNull(timeProvider);
        options.ThrowIfInvalid();

        // Copied, so that changing the options object later cannot change a running provider halfway.
        _name = options.Name;
        PublishableKey = options.PublishableKey;
        _webhookSecrets = [.. options.WebhookSecrets];
        _timeout = options.Timeout;
        _webhookTolerance = options.WebhookTolerance;
        _logger = logger;
        _timeProvider = timeProvider;

        // A pooled connection is recycled now and then so that a change of Stripe's addresses is picked up.
        var http = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
        {
            // Per attempt: the client retries a timed-out attempt itself, up to MaxNetworkRetries.
            Timeout = options.Timeout,
        };
        _api = new StripeApiClient(
            http,
            options.SecretKey,
            // Paths ("/v1/…") are appended to the base as written, so a trailing slash would double up.
            options.ApiBase?.AbsoluteUri.TrimEnd('/') ?? StripeApiClient.DefaultApiBase,
            options.MaxNetworkRetries);
    }

    public string Name => _name;

    public string PublishableKey { get; }

    /// <summary>A provider for these options, with a null logger and the system clock unless given.</summary>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public static StripePaymentProvider Create(StripeProviderOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(
            options,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<StripePaymentProvider>(),
            timeProvider ?? TimeProvider.System);

    public async Task<ProviderPayment> CreateAsync(CreatePaymentRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        // Stripe's unit is not always ISO's; an amount Stripe cannot charge exactly is refused before anything is sent.
        var stripeAmount = StripeAmounts.ToStripe(request.Amount);
        var metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal)
        {
            // Last, so that no extra metadata can replace the order the payment belongs to (I1).
            [StripePaymentMapping.OrderIdKey] = request.OrderId,
        };

        // The body PaymentIntentCreateOptions would make, in its order (see StripeFormBody for why it is written here).
        var body = new StripeFormBody()
            // Cards only, so that confirming never needs a return_url for a redirect method. The endive API no longer
            // accepts payment_method_types on create; allowed_payment_method_types is its replacement.
            .Add("allowed_payment_method_types[0]", "card")
            .Add("amount", stripeAmount.ToString(CultureInfo.InvariantCulture))
            .Add("currency", StripeAmounts.CurrencyCode(request.Amount.Currency))
            .Add("description", request.Description);
        foreach (var (key, value) in metadata)
        {
            body.Add(StripeFormBody.Nested("metadata", key), value);
        }

        var intent = await CallAsync(
            "create",
            () => _api.PostAsync("/v1/payment_intents", body, request.IdempotencyKey, StripeJsonContext.Default.PaymentIntentObject, cancellationToken),
            request.Amount.Currency,
            cancellationToken);

        var payment = StripePaymentMapping.FromIntent(intent, includeClientSecret: true);
        StripeLog.Created(_logger, _name, payment.Id, request.OrderId, payment.ProviderStatus);
        return payment;
    }

    public async Task<ProviderPayment> GetAsync(string paymentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentId);

        // The latest charge carries amount_refunded, which the PaymentIntent itself does not.
        var intent = await CallAsync(
            "retrieve",
            () => _api.GetAsync($"/v1/payment_intents/{StripeApiClient.PathSegment(paymentId)}?expand[0]=latest_charge", StripeJsonContext.Default.PaymentIntentObject, cancellationToken),
            null,
            cancellationToken);

        var payment = StripePaymentMapping.FromIntent(intent, includeClientSecret: true);
        StripeLog.Retrieved(_logger, _name, payment.Id, payment.ProviderStatus);
        return payment;
    }

    /// <remarks>
    /// Stripe-like flows confirm in the browser with the client secret (Stripe.js, or the sandbox's script), so there is
    /// nothing left to do on the server but ask the provider what happened. <paramref name="clientResult"/> is ignored on
    /// purpose: it comes from the browser, and only the provider's own answer may move an order (I1).
    /// </remarks>
    public Task<ProviderPayment> CompleteAsync(string paymentId, IReadOnlyDictionary<string, string> clientResult, CancellationToken cancellationToken) =>
        GetAsync(paymentId, cancellationToken);

    public async Task<ProviderPayment> CancelAsync(string paymentId, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentId);
        ArgumentException.ThrowIfNullOrWhiteSpace(idempotencyKey);

        var intent = await CallAsync(
            "cancel",
            () => _api.PostAsync($"/v1/payment_intents/{StripeApiClient.PathSegment(paymentId)}/cancel", null, idempotencyKey, StripeJsonContext.Default.PaymentIntentObject, cancellationToken),
            null,
            cancellationToken);

        var payment = StripePaymentMapping.FromIntent(intent, includeClientSecret: false);
        StripeLog.Canceled(_logger, _name, payment.Id, payment.ProviderStatus);
        return payment;
    }

    public async Task<ProviderRefund> RefundAsync(RefundRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);

        long? stripeAmount = null;
        Currency? currency = null;
        if (request.Amount is { } minor)
        {
            // The request counts Jamcart's minor units, and for a few currencies Stripe's unit differs: the payment's
            // currency decides the conversion, so it is read first. Full refunds send no amount and need no read.
            var intent = await CallAsync(
                "refund",
                () => _api.GetAsync($"/v1/payment_intents/{StripeApiClient.PathSegment(request.PaymentId)}", StripeJsonContext.Default.PaymentIntentObject, cancellationToken),
                null,
                cancellationToken);
            currency = StripeAmounts.FromStripe(intent.Amount, intent.Currency).Currency;
            stripeAmount = StripeAmounts.ToStripe(new Money(minor, currency));
        }

        // The body RefundCreateOptions would make, in its order.
        var body = new StripeFormBody()
            .Add("amount", stripeAmount?.ToString(CultureInfo.InvariantCulture))
            .Add("payment_intent", request.PaymentId)
            .Add("reason", request.Reason);
        var refund = await CallAsync(
            "refund",
            () => _api.PostAsync("/v1/refunds", body, request.IdempotencyKey, StripeJsonContext.Default.RefundObject, cancellationToken),
            currency,
            cancellationToken);

        if (refund is not { Id: { } refundId, Status: { } refundStatus })
        {
            throw new InvalidOperationException("The provider reported a refund without an id or a status.");
        }

        var paymentId = PaymentIdOf(refund) ?? request.PaymentId;
        var refunded = StripeAmounts.FromStripe(refund.Amount, refund.Currency);
        StripeLog.Refunded(_logger, _name, refundId, paymentId, refundStatus);
        return new ProviderRefund(
            refundId,
            paymentId,
            refunded.Minor,
            refunded.Currency.Code,
            refundStatus,
            DateTimeOffset.FromUnixTimeSeconds(refund.Created));
    }

    public WebhookVerification VerifyWebhook(string rawBody, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        ArgumentNullException.ThrowIfNull(headers);

        var rejection = StripeWebhookSignature.Check(
            rawBody,
            FindHeader(headers, StripeWebhookSignature.HeaderName),
            _webhookSecrets,
            _timeProvider.GetUtcNow(),
            _webhookTolerance);
        if (rejection is not null)
        {
            StripeLog.WebhookRefused(_logger, _name, rejection);
            return WebhookVerification.Rejected(rejection);
        }

        var webhookEvent = StripeEventReader.Read(rawBody, out var outcome);
        if (webhookEvent is null)
        {
            const string malformed = "malformed payload";
            StripeLog.WebhookRefused(_logger, _name, malformed);
            return WebhookVerification.Rejected(malformed);
        }

        if (outcome == StripeEventReader.Outcome.Lenient)
        {
            StripeLog.WebhookReadLeniently(_logger, _name, webhookEvent.Id, webhookEvent.Type, webhookEvent.ApiVersion);
        }

        if (webhookEvent.Payment is null && StripeEventReader.KindOf(webhookEvent.Type) != WebhookEventKind.Other)
        {
            StripeLog.WebhookPaymentUnreadable(_logger, _name, webhookEvent.Id, webhookEvent.Type);
        }

        StripeLog.WebhookVerified(_logger, _name, webhookEvent.Id, webhookEvent.Type);
        return WebhookVerification.Valid(webhookEvent);
    }

    public void Dispose() => _api.Dispose();

    /// <summary>The refund's PaymentIntent: an id, or the PaymentIntent itself when expanded.</summary>
    private static string? PaymentIdOf(RefundObject refund) => refund.PaymentIntent switch
    {
        { ValueKind: JsonValueKind.String } id => id.GetString(),
        { ValueKind: JsonValueKind.Object } expanded when expanded.TryGetProperty("id", out var id) && id.ValueKind == JsonValueKind.String => id.GetString(),
        _ => null,
    };

    private static string? FindHeader(IReadOnlyDictionary<string, string> headers, string name)
    {
        // HTTP header names are case-insensitive, and the dictionary handed in may compare them ordinally.
        if (headers.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }

    private async Task<T> CallAsync<T>(string operation, Func<Task<T>> call, Currency? chargeCurrency, CancellationToken cancellationToken)
    {
        try
        {
            return await call();
        }
        catch (StripeApiException exception)
        {
            var translated = StripeErrorTranslator.Translate(exception, chargeCurrency);
            switch (translated)
            {
                case PaymentProviderUnavailableException when exception.Error?.Type is "authentication_error" or "permission_error":
                    StripeLog.KeyRefused(_logger, _name);
                    break;
                case PaymentProviderUnavailableException:
                    StripeLog.Unavailable(_logger, _name, operation, $"HTTP {(int)exception.StatusCode} {exception.Error?.Type}".TrimEnd());
                    break;
                case PaymentRequestRejectedException rejected:
                    StripeLog.Rejected(_logger, _name, operation, rejected.Code);
                    break;
                case PaymentDeclinedException declined:
                    StripeLog.Rejected(_logger, _name, operation, declined.Error.DeclineCode ?? declined.Error.Code);
                    break;
            }

            throw translated;
        }
        catch (HttpRequestException exception)
        {
            StripeLog.Unavailable(_logger, _name, operation, exception.HttpRequestError.ToString());
            throw new PaymentProviderUnavailableException($"The {_name} payment provider could not be reached; retry with the same idempotency key.", exception);
        }
        catch (OperationCanceledException exception) when (!cancellationToken.IsCancellationRequested)
        {
            // Not the caller's token: HttpClient's timeout, which it reports as a cancellation.
            StripeLog.Unavailable(_logger, _name, operation, "timeout");
            throw new PaymentProviderUnavailableException($"The {_name} payment provider did not answer within {_timeout.TotalSeconds:0.###} s; retry with the same idempotency key.", exception);
        }
    }
}
