using Jamcart.Functions.Security;

using Microsoft.AspNetCore.RateLimiting;

namespace Jamcart.Functions.RateLimiting;

/// <summary>
/// Counts every request under <c>/api/admin</c> against the client's <see cref="RateLimitPolicies.Api"/> limit,
/// whatever routing made of it. The rate limiter counts a request only when its endpoint names a policy, and routing
/// answers some admin requests with no such endpoint: none for an unknown route (404), its own for a method the route
/// lacks (405) or a body it does not take (415). The <see cref="AdminKeyGate"/> answers each of them 401 without the
/// key, so uncounted they would let a client try keys without spending a permit.
/// </summary>
/// <remarks>
/// The policy is lent only while the rate limiter looks: <see cref="RestoreEndpoint"/> puts routing's choice back, so
/// the request then runs exactly as routing chose (a request with no endpoint still falls through to what follows).
/// </remarks>
internal static class AdminRequestLimits
{
    private static readonly EnableRateLimitingAttribute ApiLimit = new(RateLimitPolicies.Api);

    /// <summary>Runs between routing and the rate limiter.</summary>
    public static RequestDelegate LendPolicy(RequestDelegate next) => context =>
    {
        if (context.Request.Path.StartsWithSegments(AdminKeyGate.AdminPath, StringComparison.OrdinalIgnoreCase)
            && context.GetEndpoint() is var chosen
            && chosen?.Metadata.GetMetadata<EnableRateLimitingAttribute>() is null
            && chosen?.Metadata.GetMetadata<DisableRateLimitingAttribute>() is null)
        {
            context.SetEndpoint(new LentPolicy(chosen));
        }

        return next(context);
    };

    /// <summary>Runs right after the rate limiter.</summary>
    public static RequestDelegate RestoreEndpoint(RequestDelegate next) => context =>
    {
        if (context.GetEndpoint() is LentPolicy lent)
        {
            context.SetEndpoint(lent.Chosen);
        }

        return next(context);
    };

    private sealed class LentPolicy(Endpoint? chosen) : Endpoint(
        chosen?.RequestDelegate,
        new EndpointMetadataCollection([.. chosen?.Metadata ?? [], ApiLimit]),
        chosen?.DisplayName ?? "admin request without a route")
    {
        public Endpoint? Chosen => chosen;
    }
}
