namespace Jamcart.Functions.Configuration;

/// <summary>Requests per client and minute (<c>Jamcart:RateLimit</c>); a client is what <see cref="RateLimiting.ClientAddressResolver"/> says.</summary>
public sealed class RateLimitOptions
{
    /// <summary>Every API call except stock reads and webhooks.</summary>
    public int PermitsPerMinute { get; set; } = 120;

    /// <summary><c>GET /api/stock</c>, which product pages poll.</summary>
    public int StockPermitsPerMinute { get; set; } = 600;
}
