namespace Jamcart.Payments.Stripe;

/// <summary>Keys, endpoint and limits of the Stripe adapter, which serves both the <c>stripe</c> and the <c>sandbox</c> provider.</summary>
public sealed class StripeProviderOptions
{
    /// <summary>The provider name when the adapter talks to Stripe itself.</summary>
    public const string StripeName = "stripe";

    /// <summary>The provider name when the adapter talks to Jamcart's Stripe-compatible sandbox.</summary>
    public const string SandboxName = "sandbox";

    /// <summary><c>stripe</c> or <c>sandbox</c>: the same code path serves both, only the name and the endpoint differ.</summary>
    public string Name { get; set; } = StripeName;

    /// <summary>The secret (<c>sk_…</c>) or restricted (<c>rk_…</c>) API key; never logged.</summary>
    public string SecretKey { get; set; } = "";

    /// <summary>The publishable key (<c>pk_…</c>) the browser uses.</summary>
    public string PublishableKey { get; set; } = "";

    /// <summary>
    /// Every webhook signing secret (<c>whsec_…</c>) currently valid. While a secret is being rolled, Stripe signs with
    /// the old and the new one, and either may be the one configured here, so any of them verifies an event.
    /// </summary>
    public IList<string> WebhookSecrets { get; } = [];

    /// <summary>The API's base address: null for Stripe's own API, the sandbox's address in development and tests.</summary>
    public Uri? ApiBase { get; set; }

    /// <summary>How long one HTTP attempt may take before the provider counts as unavailable.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// How many times the client (Stripe.net, or the adapter's own with Stripe.net's rules) retries a request that
    /// failed on the network or with a 409/5xx. Safe for every call the adapter makes, since each POST carries an
    /// idempotency key.
    /// </summary>
    public int MaxNetworkRetries { get; set; } = 2;

    /// <summary>
    /// Whether these options serve only calls to the provider's API (the command line's refunds and maintenance), with
    /// no browser to hand a publishable key to and no webhook to verify: neither is then required.
    /// </summary>
    public bool ServerCallsOnly { get; set; }

    /// <summary>How far a webhook's signed timestamp may be from now, either way, before it is refused as a replay.</summary>
    public TimeSpan WebhookTolerance { get; set; } = TimeSpan.FromSeconds(300);

    /// <summary>Every problem with these options, each a sentence naming the setting; empty when they are usable.</summary>
    /// <remarks>Messages never repeat a key's value, only what is wrong with it.</remarks>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();

        if (Name is not (StripeName or SandboxName))
        {
            problems.Add($"Name must be '{StripeName}' or '{SandboxName}'.");
        }

        if (string.IsNullOrWhiteSpace(SecretKey))
        {
            problems.Add("SecretKey is missing: set the secret key (sk_…) or a restricted key (rk_…) from the provider's dashboard.");
        }
        else if (!SecretKey.StartsWith("sk_", StringComparison.Ordinal) && !SecretKey.StartsWith("rk_", StringComparison.Ordinal))
        {
            problems.Add(SecretKey.StartsWith("pk_", StringComparison.Ordinal)
                ? "SecretKey holds a publishable key (pk_…): use the secret key (sk_…) or a restricted key (rk_…)."
                : "SecretKey must start with 'sk_' or 'rk_'.");
        }

        if (string.IsNullOrWhiteSpace(PublishableKey))
        {
            if (!ServerCallsOnly)
            {
                problems.Add("PublishableKey is missing: set the publishable key (pk_…) from the provider's dashboard.");
            }
        }
        else if (!PublishableKey.StartsWith("pk_", StringComparison.Ordinal))
        {
            // A secret key here would be served to every browser: say so plainly.
            problems.Add(PublishableKey.StartsWith("sk_", StringComparison.Ordinal) || PublishableKey.StartsWith("rk_", StringComparison.Ordinal)
                ? "PublishableKey holds a secret key, which must never reach the browser: use the publishable key (pk_…)."
                : "PublishableKey must start with 'pk_'.");
        }

        if (ModeOf(SecretKey) is { } secretMode && ModeOf(PublishableKey) is { } publishableMode && secretMode != publishableMode)
        {
            problems.Add($"SecretKey is a {secretMode} key but PublishableKey is a {publishableMode} key: both must come from the same mode.");
        }

        if (WebhookSecrets.Count == 0 && !ServerCallsOnly)
        {
            problems.Add("WebhookSecrets is empty: set the webhook endpoint's signing secret (whsec_…).");
        }

        for (var i = 0; i < WebhookSecrets.Count; i++)
        {
            if (string.IsNullOrWhiteSpace(WebhookSecrets[i]) || !WebhookSecrets[i].StartsWith("whsec_", StringComparison.Ordinal))
            {
                problems.Add($"WebhookSecrets[{i}] must be a signing secret starting with 'whsec_'.");
            }
        }

        if (ApiBase is null && Name == SandboxName)
        {
            // Without an address the adapter would call Stripe's own API: the sandbox's keys would travel to Stripe,
            // and every checkout would fail as if the provider were down.
            problems.Add("ApiBase is missing: the sandbox provider has no address of its own; set it to where 'jamcart sandbox' listens (http://127.0.0.1:5081/), or set Provider to 'stripe'.");
        }
        else if (ApiBase is not null)
        {
            if (!ApiBase.IsAbsoluteUri || ApiBase.Scheme is not ("http" or "https"))
            {
                problems.Add("ApiBase must be an absolute http or https address, or empty for Stripe's own API.");
            }
            else if (Name == StripeName && ApiBase.Scheme != "https" && !ApiBase.IsLoopback)
            {
                // The secret key travels in every request's Authorization header.
                problems.Add("ApiBase must use https for the stripe provider unless it is a loopback address.");
            }
        }

        if (Timeout <= TimeSpan.Zero || Timeout > TimeSpan.FromMinutes(2))
        {
            problems.Add("Timeout must be more than zero and at most 2 minutes.");
        }

        if (MaxNetworkRetries is < 0 or > 5)
        {
            problems.Add("MaxNetworkRetries must be between 0 and 5.");
        }

        if (WebhookTolerance <= TimeSpan.Zero)
        {
            problems.Add("WebhookTolerance must be more than zero.");
        }

        return problems;
    }

    /// <summary>Throws when <see cref="Validate"/> finds problems, listing all of them.</summary>
    /// <exception cref="ArgumentException">The options are not usable.</exception>
    public void ThrowIfInvalid()
    {
        var problems = Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"The {Name} payment provider is misconfigured: {string.Join(" ", problems)}");
        }
    }

    /// <summary>Whether <see cref="SecretKey"/> is a live key (true) or a test key (false); null when its prefix does not say.</summary>
    internal bool? LiveKeys => ModeOf(SecretKey) switch
    {
        "live" => true,
        "test" => false,
        _ => null,
    };

    private static string? ModeOf(string key)
    {
        if (key.Length < 8)
        {
            return null;
        }

        var mode = key.AsSpan(3);
        return mode.StartsWith("test_", StringComparison.Ordinal) ? "test"
            : mode.StartsWith("live_", StringComparison.Ordinal) ? "live"
            : null;
    }
}
