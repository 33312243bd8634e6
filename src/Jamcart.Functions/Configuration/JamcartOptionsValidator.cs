using Jamcart.Functions.Cors;
using Jamcart.Functions.RateLimiting;
using Jamcart.Storage;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Configuration;

/// <summary>Checks <see cref="JamcartOptions"/> at start-up; every message names the setting and never repeats a secret.</summary>
internal sealed class JamcartOptionsValidator : IValidateOptions<JamcartOptions>
{
    /// <summary>Shorter keys can be guessed; 32 characters of a random key are far beyond that.</summary>
    public const int MinimumAdminKeyLength = 32;

    private readonly Func<string, string?> _environment;

    public JamcartOptionsValidator()
        : this(Environment.GetEnvironmentVariable)
    {
    }

    /// <param name="environment">Reads an environment variable: tests pretend to be on AWS Lambda through it.</param>
    internal JamcartOptionsValidator(Func<string, string?> environment) => _environment = environment;

    public ValidateOptionsResult Validate(string? name, JamcartOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();

        if (string.IsNullOrWhiteSpace(options.Database))
        {
            problems.Add("Jamcart:Database is missing: set the store database's connection string (or the JAMCART_DATABASE environment variable).");
        }
        else if (ServerlessPlatform.IsAwsLambda(_environment) && IsSqlite(options.Database))
        {
            // Lambda's file system is read-only but for /tmp, and /tmp belongs to one instance and goes with it:
            // orders written there would be lost, and every concurrent instance would hold a different store.
            problems.Add("Jamcart:Database is a SQLite file, which AWS Lambda cannot keep (read-only file system, /tmp lost with each instance): use PostgreSQL, JAMCART_DATABASE=postgres://user:password@host:5432/database.");
        }

        if (string.IsNullOrWhiteSpace(options.AdminKey))
        {
            problems.Add($"Jamcart:AdminKey is missing: set a random key of at least {MinimumAdminKeyLength} characters (or the JAMCART_ADMIN_KEY environment variable).");
        }
        else if (options.AdminKey.Length < MinimumAdminKeyLength)
        {
            problems.Add($"Jamcart:AdminKey is too short: use at least {MinimumAdminKeyLength} characters.");
        }
        else if (options.AdminKey.AsSpan().IndexOfAnyExceptInRange('!', '~') >= 0)
        {
            // It travels in an Authorization header, where anything else cannot be sent as it is (or is trimmed).
            problems.Add("Jamcart:AdminKey must be ASCII letters, digits and punctuation only, with no spaces: use a random key such as `openssl rand -hex 32` prints.");
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

    private static bool IsSqlite(string database)
    {
        try
        {
            return CheckoutDatabase.KindOf(database) == DatabaseKind.Sqlite;
        }
        catch (ArgumentException)
        {
            // Not a connection string at all: opening the database reports that, with the accepted forms.
            return false;
        }
    }
}
