using Jamcart.Payments.Sandbox;

using Stripe;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Starts sandboxes on a free port for a test, and Stripe.net clients pointed at them.</summary>
internal static class SandboxFixture
{
    public static Task<SandboxServer> StartAsync(Action<SandboxOptions>? configure = null)
    {
        var options = new SandboxOptions { Port = 0 };
        configure?.Invoke(options);
        return SandboxServer.StartAsync(options, TestContext.Current.CancellationToken);
    }

    /// <summary>Stripe.net as the Stripe adapter uses it, but without retries so a test sees every answer as sent.</summary>
    public static StripeClient StripeClient(SandboxServer server, int maxNetworkRetries = 0) =>
        new(new StripeClientOptions
        {
            ApiKey = server.SecretKey,
            ApiBase = server.BaseUrl.ToString().TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(maxNetworkRetries: maxNetworkRetries, enableTelemetry: false),
        });
}
