using Jamcart.Payments.Stripe;

namespace Jamcart.Functions.Configuration;

/// <summary>The payment provider (<c>Jamcart:Payments</c>): <c>sandbox</c> or <c>stripe</c>, both through the Stripe adapter.</summary>
public sealed class PaymentsOptions
{
    /// <summary><c>sandbox</c> (the default) or <c>stripe</c>.</summary>
    public string Provider { get; set; } = StripeProviderOptions.SandboxName;

    /// <summary><c>sk_…</c> or <c>rk_…</c>; never logged.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary><c>pk_…</c>, handed to browsers.</summary>
    public string PublishableKey { get; set; } = "";

    /// <summary>Every webhook signing secret currently valid (<c>whsec_…</c>).</summary>
    public IList<string> WebhookSecrets { get; } = [];

    /// <summary>Where <c>jamcart sandbox</c> and <c>jamcart dev</c> run the sandbox unless told otherwise.</summary>
    public static readonly Uri SandboxApiBase = new("http://127.0.0.1:5081/");

    private Uri? _apiBase;

    /// <summary>The provider's API address: the sandbox's (by default <see cref="SandboxApiBase"/>), empty for Stripe itself.</summary>
    /// <remarks>
    /// The sandbox's default lives here, with the provider it belongs to, and not in a shipped appsettings.json: there
    /// it reached <c>stripe</c> too, whose secret key then went to a loopback port in clear, and it missed every host
    /// that reads no appsettings.json (<c>jamcart serve</c>, the admin commands), whose sandbox then called Stripe.
    /// </remarks>
    public Uri? ApiBase
    {
        get => _apiBase ?? (Provider == StripeProviderOptions.SandboxName ? SandboxApiBase : null);
        set => _apiBase = value;
    }

    /// <summary>One attempt's limit: a checkout must not hang on a slow provider.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Retries of a failed attempt (each POST carries an idempotency key, so retrying is safe).</summary>
    public int MaxNetworkRetries { get; set; } = 1;

    /// <summary>The adapter's options for these settings.</summary>
    public StripeProviderOptions ToProviderOptions()
    {
        var options = new StripeProviderOptions
        {
            Name = Provider,
            SecretKey = SecretKey,
            PublishableKey = PublishableKey,
            ApiBase = ApiBase,
            Timeout = Timeout,
            MaxNetworkRetries = MaxNetworkRetries,
        };
        foreach (var secret in WebhookSecrets)
        {
            options.WebhookSecrets.Add(secret);
        }

        return options;
    }
}
