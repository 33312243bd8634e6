using Jamcart.Checkout.Payments;
using Jamcart.Payments.Sandbox;
using Jamcart.Payments.Stripe;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>A sandbox server on a free port and the Stripe adapter pointed at it with one of its clients, for one test.</summary>
public sealed class SandboxRun : IAsyncDisposable
{
    private SandboxRun(SandboxServer server, ProviderHarness harness)
    {
        Server = server;
        Harness = harness;
    }

    public SandboxServer Server { get; }

    public ProviderHarness Harness { get; }

    public IPaymentProvider Provider => Harness.Provider;

    /// <param name="client">The client the adapter calls the sandbox with.</param>
    /// <param name="webhookUrl">Where the sandbox posts its signed events, if anywhere.</param>
    /// <param name="configureProvider">Changes to the adapter's options, such as a shorter timeout.</param>
    public static async Task<SandboxRun> StartAsync(
        ApiClient client,
        Uri? webhookUrl = null,
        Action<StripeProviderOptions>? configureProvider = null,
        CancellationToken cancellationToken = default)
    {
        var server = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, WebhookUrl = webhookUrl }, cancellationToken);
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = server.SecretKey,
            PublishableKey = server.PublishableKey,
            ApiBase = server.BaseUrl,
            // Small and without the adapter's own retries, whose back-off sleeps would only slow the suite down.
            Timeout = TimeSpan.FromSeconds(5),
            MaxNetworkRetries = 0,
        };
        options.WebhookSecrets.Add(server.WebhookSecret);
        configureProvider?.Invoke(options);
        try
        {
            return new SandboxRun(server, new ProviderHarness(options, client, server.DisposeAsync));
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>The contract's provider factory: a fresh sandbox for every test.</summary>
    public static async Task<ProviderHarness> StartHarnessAsync(ApiClient client, CancellationToken cancellationToken) =>
        (await StartAsync(client, cancellationToken: cancellationToken)).Harness;

    public ValueTask DisposeAsync() => Harness.DisposeAsync();
}
