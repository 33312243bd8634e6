using Jamcart.Checkout.Storage;
using Jamcart.Functions.Configuration;

using Microsoft.AspNetCore.Cors.Infrastructure;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Cors;

/// <summary>
/// CORS for the store's own origin (its synced <c>baseUrl</c>, read from the database and cached briefly, so a new
/// domain needs a build, not a restart) and the configured extra origins; nothing else.
/// </summary>
internal sealed partial class StoreCorsPolicyProvider(
    ICheckoutStore store,
    IOptions<JamcartOptions> options,
    TimeProvider time,
    ILogger<StoreCorsPolicyProvider> logger) : ICorsPolicyProvider, IDisposable
{
    /// <summary>What a browser may send besides the CORS-safelisted headers.</summary>
    public static readonly string[] AllowedHeaders = ["Content-Type", "Idempotency-Key", "X-Order-Token"];

    /// <summary>What a page's script may read besides the CORS-safelisted response headers.</summary>
    public static readonly string[] ExposedHeaders = ["Idempotent-Replayed", "Retry-After", "Server-Timing"];

    private readonly string[] _extraOrigins = [.. options.Value.AllowedOrigins.Select(StoreCorsOrigins.Normalize).OfType<string>()];
    private readonly TimeSpan _cacheTime = options.Value.SettingsCacheTime;
    private readonly SemaphoreSlim _refresh = new(1, 1);
    private volatile Cached? _cached;

    public async Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var cached = _cached;
        if (cached is null || time.GetUtcNow() >= cached.Expires)
        {
            cached = await RefreshAsync(context.RequestAborted);
        }

        return cached.Policy;
    }

    private async Task<Cached> RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var now = time.GetUtcNow();
            if (_cached is { } fresh && now < fresh.Expires)
            {
                return fresh;
            }

            string? storeOrigin = null;
            try
            {
                var settings = await store.GetSettingsAsync(cancellationToken);
                storeOrigin = settings is null ? null : StoreCorsOrigins.OriginOf(settings.BaseUrl);
            }
            catch (Exception exception) when (exception is not OperationCanceledException)
            {
                // Without the database the store's origin is unknown for a moment; the extra origins still work.
                LogSettingsUnavailable(logger, exception);
            }

            var next = new Cached(BuildPolicy(storeOrigin), now + _cacheTime);
            _cached = next;
            return next;
        }
        finally
        {
            _refresh.Release();
        }
    }

    private CorsPolicy BuildPolicy(string? storeOrigin)
    {
        var builder = new CorsPolicyBuilder()
            .WithMethods("GET", "POST")
            .WithHeaders(AllowedHeaders)
            .WithExposedHeaders(ExposedHeaders)
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10));
        string[] origins = storeOrigin is null ? _extraOrigins : [storeOrigin, .. _extraOrigins];
        if (origins.Length > 0)
        {
            builder.WithOrigins(origins);
        }

        return builder.Build();
    }

    public void Dispose() => _refresh.Dispose();

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "The store settings could not be read for CORS; only configured origins are allowed for now")]
    private static partial void LogSettingsUnavailable(ILogger logger, Exception exception);

    private sealed record Cached(CorsPolicy Policy, DateTimeOffset Expires);
}
