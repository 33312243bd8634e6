namespace Jamcart.Functions.Configuration;

/// <summary>Requests per client and minute (<c>Jamcart:RateLimit</c>); a client is what <see cref="RateLimiting.ClientAddressResolver"/> says.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Every API call except stock reads and webhooks.</summary>
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary><c>GET /api/stock</c>, which product pages poll.</summary>
    public int StockPermitsPerMinute { get; set; } = 600;

    /// <summary>
    /// Count each client's requests in the store database, so that the limits hold across every instance sharing it
    /// (one upsert per limited request); otherwise each process counts alone and N instances allow N times the limit.
    /// </summary>
    public bool Shared { get; set; }
}
