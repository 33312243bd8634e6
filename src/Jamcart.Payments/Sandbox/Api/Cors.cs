using Microsoft.AspNetCore.Http;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>
/// Cross-origin access for the shop's page: any origin may call the API and load <c>sandbox.js</c>, as with Stripe's
/// API. Safe because no cookie is involved: a request is authorized only by a key or client secret it carries.
/// </summary>
internal static class Cors
{
    public static Task Apply(HttpContext context, RequestDelegate next)
    {
        var path = context.Request.Path;
        if (!path.StartsWithSegments("/v1", StringComparison.Ordinal) && !path.Equals("/sandbox.js", StringComparison.Ordinal))
        {
            return next(context);
        }

        var headers = context.Response.Headers;
        headers.AccessControlAllowOrigin = "*";
        headers.AccessControlExposeHeaders = "Request-Id, Idempotent-Replayed, Original-Request, Stripe-Version";
        if (HttpMethods.IsOptions(context.Request.Method) && context.Request.Headers.ContainsKey("Access-Control-Request-Method"))
        {
            headers.AccessControlAllowMethods = "GET, POST, OPTIONS";
            headers.AccessControlAllowHeaders = "Authorization, Content-Type, Idempotency-Key, Stripe-Version";
            headers.AccessControlMaxAge = "600";
            context.Response.StatusCode = StatusCodes.Status204NoContent;
            return Task.CompletedTask;
        }

        return next(context);
    }
}
