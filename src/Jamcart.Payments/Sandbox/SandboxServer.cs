using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Browser;
using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Operations;
using Jamcart.Payments.Sandbox.Webhooks;
using Jamcart.Payments.Sandbox.Wire;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Jamcart.Payments.Sandbox;

/// <summary>
/// The sandbox payment provider: a local, in-memory server that answers the part of Stripe's API Jamcart uses, in
/// Stripe's wire format, with Stripe's test cards, a 3-D Secure page, signed webhooks, and a browser script shaped
/// like Stripe.js. Stripe.net talks to it as to Stripe.
/// </summary>
public sealed class SandboxServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly SandboxLedger _ledger;
    private readonly WebhookDispatcher _webhooks;
    private readonly ProviderConditions _conditions;
    private int _stopped;

    private SandboxServer(
        WebApplication app,
        SandboxLedger ledger,
        WebhookDispatcher webhooks,
        ProviderConditions conditions,
        Uri baseUrl,
        string secretKey,
        string publishableKey,
        string webhookSecret)
    {
        _app = app;
        _ledger = ledger;
        _webhooks = webhooks;
        _conditions = conditions;
        BaseUrl = baseUrl;
        SecretKey = secretKey;
        PublishableKey = publishableKey;
        WebhookSecret = webhookSecret;
    }

    /// <summary>Where the sandbox listens, ending in a slash (the real port when 0 was asked for).</summary>
    public Uri BaseUrl { get; }

    public string SecretKey { get; }

    public string PublishableKey { get; }

    public string WebhookSecret { get; }

    /// <summary>Added to every API response: a slow provider.</summary>
    public TimeSpan Latency
    {
        get => _conditions.Latency;
        set => _conditions.Latency = value;
    }

    /// <summary>While true, every <c>/v1</c> API call answers 500 <c>api_error</c>: the provider failing.</summary>
    public bool Outage
    {
        get => _conditions.Outage;
        set => _conditions.Outage = value;
    }

    /// <summary>The test cards the sandbox knows, for printing; any other Luhn-valid number succeeds.</summary>
    public static IReadOnlyList<SandboxTestCard> TestCards { get; } =
        [.. Rules.TestCards.All.Select(card => new SandboxTestCard(card.Number, card.PaymentMethod, card.Description))];

    /// <summary>Starts a sandbox and returns once it listens.</summary>
    /// <exception cref="ArgumentException">The options are not usable; the message lists every problem.</exception>
    public static async Task<SandboxServer> StartAsync(SandboxOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new ArgumentException("The sandbox options are not usable:" + Environment.NewLine + string.Join(Environment.NewLine, problems), nameof(options));
        }

        var secretKey = options.SecretKey ?? "sk_test_" + SandboxIds.Random(32);
        var publishableKey = options.PublishableKey ?? "pk_test_" + SandboxIds.Random(32);
        var webhookSecret = options.WebhookSecret ?? "whsec_" + SandboxIds.Random(32);
        var time = options.TimeProvider;

        var ledger = new SandboxLedger(time);
        var webhooks = new WebhookDispatcher(options.WebhookUrl, webhookSecret, options.Chaos.Copy(), time);
        ledger.EventRaised = webhooks.Enqueue;
        var conditions = new ProviderConditions();
        var router = new ApiRouter(ledger, new ApiAuthenticator(secretKey, publishableKey), new IdempotencyStore(time), conditions);
        PaymentIntentEndpoints.Map(router, ledger);
        PaymentMethodEndpoints.Map(router, ledger);
        ChargeEndpoints.Map(router, ledger);
        RefundEndpoints.Map(router, ledger);
        DisputeEndpoints.Map(router, ledger);
        EventEndpoints.Map(router, ledger);

        var app = Build(options, ledger, router);
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            await webhooks.DisposeAsync();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUrl = new Uri(address.TrimEnd('/') + "/");
        ledger.BaseUrl = baseUrl;
        webhooks.Start();
        return new SandboxServer(app, ledger, webhooks, conditions, baseUrl, secretKey, publishableKey, webhookSecret);
    }

    /// <summary>Stops listening (a provider that cannot be reached); state is kept until disposed.</summary>
    public async Task StopAsync()
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 0)
        {
            await _app.StopAsync(CancellationToken.None);
        }
    }

    /// <summary>Answers a PaymentIntent's pending 3-D Secure step as the challenge page's buttons do.</summary>
    /// <exception cref="ArgumentException">No such PaymentIntent.</exception>
    /// <exception cref="InvalidOperationException">The PaymentIntent is not waiting for 3-D Secure.</exception>
    public Task CompleteThreeDSecureAsync(string paymentIntentId, bool succeed)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(paymentIntentId);
        using (_ledger.Gate.EnterScope())
        {
            var pi = _ledger.FindIntent(paymentIntentId)
                ?? throw new ArgumentException($"No PaymentIntent {paymentIntentId} in this sandbox.", nameof(paymentIntentId));
            CompleteThreeDSecure.Execute(_ledger, pi, token: null, succeed);
        }

        return Task.CompletedTask;
    }

    /// <summary>
    /// Tries every queued webhook delivery once, now, ignoring back-off and chaos delays (in their order), and returns
    /// how many deliveries got a 2xx since the previous call, by this call or by the background loop.
    /// </summary>
    public Task<int> DeliverPendingWebhooksAsync(CancellationToken cancellationToken = default) =>
        _webhooks.DeliverPendingAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        _ledger.Close();
        await StopAsync();
        await _webhooks.DisposeAsync();
        await _app.DisposeAsync();
    }

    private static WebApplication Build(SandboxOptions options, SandboxLedger ledger, ApiRouter router)
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { ContentRootPath = AppContext.BaseDirectory });

        // Only what the options say: no appsettings, environment or command line of a host that runs the sandbox inside it.
        builder.Configuration.Sources.Clear();
        builder.Configuration.AddInMemoryCollection();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
        var host = options.Host.Contains(':', StringComparison.Ordinal) && !options.Host.StartsWith('[') ? $"[{options.Host}]" : options.Host;
        builder.WebHost.UseUrls($"http://{host}:{options.Port}");

        var app = builder.Build();
        app.Use(Cors.Apply);
        app.MapGet("/health", context => context.Response.WriteAsJsonAsync(new HealthStatus("ok"), HealthJsonContext.Default.HealthStatus));
        BrowserEndpoints.Map(app, ledger);
        app.Map("/v1/{**path}", router.HandleAsync);
        app.MapFallback(context =>
        {
            var error = StripeErrors.UnrecognizedUrl(context.Request.Method, context.Request.Path.Value ?? "/");
            context.Response.StatusCode = error.Status;
            context.Response.ContentType = "application/json";
            return context.Response.WriteAsync(JsonOutput.Serialize(ErrorJson.Render(error, ledger, WireView.Server)), context.RequestAborted);
        });
        return app;
    }
}
