using Jamcart.Functions.Cors;
using Jamcart.Functions.RateLimiting;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Configuration;

/// <summary>Checks <see cref="JamcartOptions"/> at start-up; every message names the setting and never repeats a secret.</summary>
internal sealed class JamcartOptionsValidator : IValidateOptions<JamcartOptions>
{
    /// <summary>Shorter keys can be guessed; 32 characters of a random key are far beyond that.</summary>
    public const int MinimumAdminKeyLength = 32;

    public ValidateOptionsResult Validate(string? name, JamcartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Database))
        {
            problems.Add("Jamcart:Database is missing: set the store database's connection string (or the JAMCART_DATABASE environment variable).");
        }

        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            problems.Add($"Jamcart:AdminKey is missing: set a random key of at least {MinimumAdminKeyLength} characters (or the JAMCART_ADMIN_KEY environment variable).");
        }
        else if (options.AdminKey.Length < MinimumAdminKeyLength)
        {
            problems.Add($"Jamcart:AdminKey is too short: use at least {MinimumAdminKeyLength} characters.");
        }

        for (var i = 0; i < options.AllowedOrigins.Count; i++)
        {
            if (StoreCorsOrigins.Normalize(options.AllowedOrigins[i]) is null)
            {
                problems.Add($"Jamcart:AllowedOrigins:{i} must be an origin such as https://shop.example (scheme, host and optional port, nothing else).");
            }
        }

        for (var i = 0; i < options.TrustedProxies.Count; i++)
        {
            if (!TrustedProxies.TryParseEntry(options.TrustedProxies[i], out _))
            {
                problems.Add($"Jamcart:TrustedProxies:{i} must be an IP address (10.0.0.1) or a network in CIDR form (10.0.0.0/8).");
            }
        }

        if (options.RateLimit.PermitsPerMinute < 1)
        {
            problems.Add("Jamcart:RateLimit:PermitsPerMinute must be at least 1.");
        }

        if (options.RateLimit.StockPermitsPerMinute < 1)
        {
            problems.Add("Jamcart:RateLimit:StockPermitsPerMinute must be at least 1.");
        }

        problems.AddRange(options.Checkout.Validate().Select(problem => "Jamcart:Checkout: " + problem));
        problems.AddRange(options.Payments.ToProviderOptions().Validate().Select(problem =>
            "Jamcart:Payments: " + (problem.StartsWith("Name ", StringComparison.Ordinal) ? "Provider " + problem[5..] : problem)));

        var background = options.Background;
        if (background.ReconcileInterval < TimeSpan.FromSeconds(1) || background.PurgeInterval < TimeSpan.FromSeconds(1))
        {
            problems.Add("Jamcart:Background:ReconcileInterval and PurgeInterval must be at least 1 second.");
        }

        if (background.IdempotencyLease < TimeSpan.FromSeconds(1) || background.IdempotencyRetention < background.IdempotencyLease)
        {
            problems.Add("Jamcart:Background:IdempotencyLease must be at least 1 second and IdempotencyRetention at least as long.");
        }

        if (options.SettingsCacheTime < TimeSpan.Zero)
        {
            problems.Add("Jamcart:SettingsCacheTime must not be negative.");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
