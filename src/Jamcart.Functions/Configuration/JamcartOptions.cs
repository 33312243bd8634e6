using Jamcart.Checkout.UseCases;

namespace Jamcart.Functions.Configuration;

/// <summary>The functions host's settings: configuration section <c>Jamcart</c>, checked at start-up by <see cref="JamcartOptionsValidator"/>.</summary>
public sealed class JamcartOptions
{
    /// <summary>The configuration section the options are bound from.</summary>
    public const string Section = "Jamcart";

    /// <summary>The store database's connection string: a SQLite file (<c>Data Source=orders.db</c>) or PostgreSQL (<c>Host=…;Database=…</c>). Env <c>JAMCART_DATABASE</c>.</summary>
    public string Database { get; set; } = "";

    /// <summary>The bearer key of the admin API, at least 32 characters. Env <c>JAMCART_ADMIN_KEY</c>.</summary>
    public string AdminKey { get; set; } = "";

    /// <summary>Origins allowed by CORS besides the store's own <c>baseUrl</c> (a preview deploy, a second front end).</summary>
    public IList<string> AllowedOrigins { get; } = [];

    /// <summary>Addresses (<c>10.0.0.1</c>) or networks (<c>10.0.0.0/8</c>) of proxies whose <c>X-Forwarded-For</c> is believed.</summary>
    public IList<string> TrustedProxies { get; } = [];

    public RateLimitOptions RateLimit { get; set; } = new();

    public CheckoutOptions Checkout { get; set; } = new();

    public PaymentsOptions Payments { get; set; } = new();

    public BackgroundOptions Background { get; set; } = new();

    /// <summary>How long the store's settings (its <c>baseUrl</c> for CORS) are cached.</summary>
    public TimeSpan SettingsCacheTime { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Whether to apply the database's migrations at start-up.</summary>
    public bool MigrateOnStart { get; set; } = true;
}
