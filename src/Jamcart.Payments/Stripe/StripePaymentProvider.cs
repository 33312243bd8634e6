using System.Diagnostics;

using Jamcart.Checkout.Payments;
using Jamcart.Core;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// The payment port over Stripe's PaymentIntents API: the <c>stripe</c> provider against Stripe itself, and the
/// <c>sandbox</c> provider against Jamcart's Stripe-compatible sandbox, with one code path for both. It calls Stripe
/// through Stripe.net, or through its own client where the build switched Stripe.net off (<see cref="StripeNetSwitch"/>).
/// </summary>
public sealed class StripePaymentProvider : IPaymentProvider, IDisposable
{
    private readonly string _name;
    private readonly string[] _webhookSecrets;
    private readonly TimeSpan _timeout;
    private readonly TimeSpan _webhookTolerance;
    private readonly IStripeApi _api;
    private readonly ILogger _logger;
    private readonly TimeProvider _timeProvider;
    private readonly bool? _liveKeys;

    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public StripePaymentProvider(StripeProviderOptions options, ILogger<StripePaymentProvider> logger, TimeProvider timeProvider)
        : this(options, logger, timeProvider, StripeNetSwitch.IsEnabled ? StripeApiChoice.StripeNet : StripeApiChoice.OwnClient)
    {
    }

    /// <param name="api">Which client calls Stripe: tests run the adapter with each.</param>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    internal StripePaymentProvider(StripeProviderOptions options, ILogger<StripePaymentProvider> logger, TimeProvider timeProvider, StripeApiChoice api)
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
        _liveKeys = options.LiveKeys;
        _logger = logger;
        _timeProvider = timeProvider;

        _api = OpenApi(options, api);
    }

    public string Name => _name;

    public string PublishableKey { get; }

    /// <summary>The client this provider calls Stripe with.</summary>
    internal IStripeApi Api => _api;

    /// <summary>A provider for these options, with a null logger and the system clock unless given.</summary>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public static StripePaymentProvider Create(StripeProviderOptions options, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(
            options,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<StripePaymentProvider>(),
            timeProvider ?? TimeProvider.System);

    /// <summary>A provider that calls Stripe with the given client, whatever the feature switch says.</summary>
    internal static StripePaymentProvider Create(StripeProviderOptions options, StripeApiChoice api, ILoggerFactory? loggerFactory = null, TimeProvider? timeProvider = null) =>
        new(
            options,
            (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger<StripePaymentProvider>(),
            timeProvider ?? TimeProvider.System,
            api);

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

        var intent = await CallAsync(
            "create",
            () => _api.CreatePaymentIntentAsync(
                stripeAmount,
                StripeAmounts.CurrencyCode(request.Amount.Currency),
                request.Description,
                metadata,
                request.IdempotencyKey,
                cancellationToken),
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
            () => _api.GetPaymentIntentAsync(paymentId, withLatestCharge: true, cancellationToken),
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
            () => _api.CancelPaymentIntentAsync(paymentId, idempotencyKey, cancellationToken),
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
                () => _api.GetPaymentIntentAsync(request.PaymentId, withLatestCharge: false, cancellationToken),
                null,
                cancellationToken);
            currency = StripeAmounts.FromStripe(intent.Amount, intent.Currency).Currency;
            stripeAmount = StripeAmounts.ToStripe(new Money(minor, currency));
        }

        var refund = await CallAsync(
            "refund",
            () => _api.CreateRefundAsync(
                request.PaymentId,
                stripeAmount,
                request.Reason,
                new Dictionary<string, string> { [StripePaymentMapping.RefundKeyKey] = request.IdempotencyKey },
                request.IdempotencyKey,
                cancellationToken),
            currency,
            cancellationToken);

        var made = ToProviderRefund(refund, request.PaymentId);
        StripeLog.Refunded(_logger, _name, made.Id, made.PaymentId, made.Status);
        return made;
    }

    public async Task<ProviderRefund> GetRefundAsync(string refundId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(refundId);
        var refund = await CallAsync("retrieve refund", () => _api.GetRefundAsync(refundId, cancellationToken), null, cancellationToken);
        return ToProviderRefund(refund, refund.PaymentIntentId ?? throw new InvalidOperationException("The provider reported a refund without its payment."));
    }

    public async Task<IReadOnlyList<ProviderRefund>> ListRefundsAsync(string paymentId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentId);
        var refunds = await CallAsync("list refunds", () => _api.ListRefundsAsync(paymentId, cancellationToken), null, cancellationToken);
        StripeLog.RefundsListed(_logger, _name, refunds.Count, paymentId);
        return [.. refunds.Select(refund => ToProviderRefund(refund, paymentId))];
    }

    public WebhookVerification VerifyWebhook(string rawBody, IReadOnlyDictionary<string, string> headers)
    {
        ArgumentNullException.ThrowIfNull(rawBody);
        ArgumentNullException.ThrowIfNull(headers);

        // The same check and reader whichever client calls the API, Stripe.net's EventUtility included in no build: it
        // takes one secret and the system clock, and an event must verify and read alike in the JIT and the AOT build.
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
            return WebhookVerification.NotAnEvent(malformed);
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

        // Stripe signs each mode's events with that endpoint's own secret, so this happens only when a secret of the
        // other mode is configured as well; the checkout then acts on none of it.
        var otherMode = webhookEvent.LiveMode is { } live && _liveKeys is { } liveKeys && live != liveKeys;
        return WebhookVerification.Valid(otherMode ? webhookEvent with { FromOtherMode = true } : webhookEvent);
    }

    public void Dispose() => _api.Dispose();

    private static IStripeApi OpenApi(StripeProviderOptions options, StripeApiChoice api)
    {
        // Paths ("/v1/…") are appended to the base as written, so a trailing slash would double up.
        var apiBase = options.ApiBase?.AbsoluteUri.TrimEnd('/');
        if (api == StripeApiChoice.OwnClient)
        {
            return new StripeApiClient(NewHttpClient(options.Timeout), options.SecretKey, apiBase ?? StripeApiClient.DefaultApiBase, options.MaxNetworkRetries);
        }

        // The switch alone guards Stripe.net, so that a trimmed or Native AOT build, where it is false, drops this branch.
        if (StripeNetSwitch.IsEnabled)
        {
            return new StripeNetApi(NewHttpClient(options.Timeout), options.SecretKey, apiBase, options.MaxNetworkRetries);
        }

        throw new InvalidOperationException($"Stripe.net is left out of this build ({StripeNetSwitch.Name} is false).");
    }

    private static HttpClient NewHttpClient(TimeSpan timeout) =>
        new(new SocketsHttpHandler
        {
            // A pooled connection is recycled now and then so that a change of Stripe's addresses is picked up.
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),

            // The shop's trace ids and baggage are its own, not data for the provider: no traceparent, tracestate or
            // baggage headers, though every request of the functions runs in an activity that HttpClient would send.
            ActivityHeadersPropagator = DistributedContextPropagator.CreateNoOutputPropagator(),
        })
        {
            // Per attempt: both clients retry a timed-out attempt themselves, up to MaxNetworkRetries.
            Timeout = timeout,
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
                // Stripe answers a wrong key with 401 and the type invalid_request_error, not authentication_error.
                case PaymentProviderUnavailableException { KeyRefused: true }:
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

    private static ProviderRefund ToProviderRefund(StripeRefund refund, string paymentId)
    {
        if (refund is not { Id: { } refundId, Status: { } refundStatus })
        {
            throw new InvalidOperationException("The provider reported a refund without an id or a status.");
        }

        var refunded = StripeAmounts.FromStripe(refund.Amount, refund.Currency);
        return new ProviderRefund(refundId, refund.PaymentIntentId ?? paymentId, refunded.Minor, refunded.Currency.Code, refundStatus, refund.Created)
        {
            FailureReason = refund.FailureReason,
            RequestKey = refund.RequestKey,
        };
    }
}
