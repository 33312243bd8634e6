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

    /// <summary>The provider's API address: the sandbox's in development, empty for Stripe itself.</summary>
    public Uri? ApiBase { get; set; }

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
