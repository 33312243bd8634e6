using Jamcart.Checkout.Payments;
using Jamcart.Payments.Stripe;

using Stripe;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// A provider under test and what a contract test needs around it: the browser's part (confirming with a card) and a
/// way to count the payments an order has at the provider.
/// </summary>
public sealed class ProviderHarness : IAsyncDisposable
{
    private readonly StripePaymentProvider _provider;
    private readonly HttpClient _browserHttp;
    private readonly StripeClient _browser;
    private readonly Func<ValueTask>? _stop;

    /// <param name="options">The adapter's options; the browser's client talks to the same API with the same key.</param>
    /// <param name="client">The client the adapter calls the API with.</param>
    /// <param name="stop">Stops whatever the harness started for the provider (the sandbox server).</param>
    public ProviderHarness(StripeProviderOptions options, ApiClient client, Func<ValueTask>? stop = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _provider = CreateProvider(options, client);
        _stop = stop;
        _browserHttp = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        _browser = new StripeClient(new StripeClientOptions
        {
            ApiKey = options.SecretKey,
            ApiBase = options.ApiBase?.AbsoluteUri.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(_browserHttp, maxNetworkRetries: 0, enableTelemetry: false),
        });
    }

    public IPaymentProvider Provider => _provider;

    /// <summary>The adapter for these options, calling Stripe with the given client whatever the feature switch says.</summary>
    internal static StripePaymentProvider CreateProvider(StripeProviderOptions options, ApiClient client) =>
        StripePaymentProvider.Create(options, client == ApiClient.StripeNet ? StripeApiChoice.StripeNet : StripeApiChoice.OwnClient);

    /// <summary>
    /// Does what Stripe.js does once the buyer has entered a card: confirms the payment with a test PaymentMethod. A
    /// refused card comes back as Stripe's error, as the browser would see it; anything else unexpected throws.
    /// </summary>
    public async Task<StripeError?> ConfirmAsync(string paymentId, string paymentMethod, CancellationToken cancellationToken)
    {
        try
        {
            await _browser.V1.PaymentIntents.ConfirmAsync(
                paymentId,
                new PaymentIntentConfirmOptions { PaymentMethod = paymentMethod },
                null,
                cancellationToken);
            return null;
        }
        catch (StripeException exception) when (exception.StripeError?.Type == "card_error")
        {
            return exception.StripeError;
        }
    }

    /// <summary>The PaymentIntent exactly as the provider's API returns it, to check what went over the wire.</summary>
    public Task<PaymentIntent> RetrieveRawAsync(string paymentId, CancellationToken cancellationToken) =>
        _browser.V1.PaymentIntents.GetAsync(paymentId, null, null, cancellationToken);

    /// <summary>How many PaymentIntents the provider created for an order, from its <c>payment_intent.created</c> events.</summary>
    public async Task<int> CountPaymentsForOrderAsync(string orderId, CancellationToken cancellationToken)
    {
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var options = new EventListOptions { Type = "payment_intent.created", Limit = 100 };
        await foreach (var stripeEvent in _browser.V1.Events.ListAutoPagingAsync(options, null, cancellationToken))
        {
            if (stripeEvent.Type == "payment_intent.created"
                && stripeEvent.Data.Object is PaymentIntent intent
                && intent.Metadata?.GetValueOrDefault("order_id") == orderId)
            {
                ids.Add(intent.Id);
            }
        }

        return ids.Count;
    }

    public async ValueTask DisposeAsync()
    {
        _provider.Dispose();
        _browserHttp.Dispose();
        if (_stop is not null)
        {
            await _stop();
        }
    }
}
