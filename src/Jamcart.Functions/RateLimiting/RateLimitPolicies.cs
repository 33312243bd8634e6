using System.Globalization;
using System.Threading.RateLimiting;

using Jamcart.Functions.Configuration;
using Jamcart.Functions.Problems;

using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions.RateLimiting;

/// <summary>
/// Per-client fixed windows of one minute: <see cref="Api"/> for most calls, <see cref="Stock"/> (higher) for the stock
/// reads product pages poll; the OpenAPI document counts under <see cref="Api"/>, and so does every request under
/// <c>/api/admin</c>, whether routing found it an endpoint or not (<see cref="AdminRequestLimits"/>). Webhooks are exempt: they come from the
/// provider, which retries for days if refused. Health is exempt too: probes keep their own schedule.
/// Over the limit: 429 <c>rate-limited</c> with <c>Retry-After</c> (the framework would say 503). Each process counts
/// alone, unless <c>Jamcart:RateLimit:Shared</c> counts in the store database for every instance together
/// (<see cref="SharedWindowLimiter"/>).
/// </summary>
internal static class RateLimitPolicies
{
    public const string Api = "api";
    public const string Stock = "stock";

    public static IServiceCollection AddJamcartRateLimits(this IServiceCollection services)
    {
        services.AddSingleton<ClientAddressResolver>();
        services.AddSingleton<SharedRateLimits>();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<JamcartOptions>>((limiter, options) =>
        {
            var limits = options.Value.RateLimit;
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.AddPolicy(Api, context => PerClient(context, Api, limits.PermitsPerMinute, limits.Shared));
            limiter.AddPolicy(Stock, context => PerClient(context, Stock, limits.StockPermitsPerMinute, limits.Shared));
            limiter.OnRejected = RejectAsync;
        });
        return services;
    }

    private static RateLimitPartition<string> PerClient(HttpContext context, string policy, int permitsPerMinute, bool shared)
    {
        var client = context.RequestServices.GetRequiredService<ClientAddressResolver>().Resolve(context);
        if (shared)
        {
            var counts = context.RequestServices.GetRequiredService<SharedRateLimits>();
            return RateLimitPartition.Get(policy + ":" + client, bucket => new SharedWindowLimiter(counts, bucket, permitsPerMinute));
        }

        return RateLimitPartition.GetFixedWindowLimiter(policy + ":" + client, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = permitsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var seconds = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))
            : 60;
        var problem = ProblemResult.Of(
            ApiProblems.RateLimited,
            $"Too many requests from this client; try again in {seconds} s.",
            new KeyValuePair<string, string>("Retry-After", seconds.ToString(CultureInfo.InvariantCulture)));
        return new ValueTask(problem.ExecuteAsync(rejected.HttpContext));
    }
}
