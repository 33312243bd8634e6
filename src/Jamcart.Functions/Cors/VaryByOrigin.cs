using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Jamcart.Functions.Cors;

/// <summary>
/// <c>Vary: Origin</c> on every API answer, preflights and answers to requests without an <c>Origin</c> included, so
/// that a shared cache in front of the API (a CDN for the public <c>/api/stock</c>) never hands one origin's answer,
/// with or without its CORS headers, to another.
/// </summary>
/// <remarks>
/// ASP.NET Core's CORS says <c>Vary: Origin</c> only when the policy lists more than one origin and the request has
/// an <c>Origin</c>: with the store's origin alone, or a request without one, a cache would keep an answer whose
/// <c>Access-Control-Allow-Origin</c> (or its absence) then reaches every other origin. Added as the answer starts,
/// after CORS and any endpoint have set theirs, once, beside any other <c>Vary</c>.
/// </remarks>
internal sealed class VaryByOrigin(RequestDelegate next)
{
    private static readonly PathString ApiPath = "/api";

    public Task InvokeAsync(HttpContext context)
    {
        if (context.Request.Path.StartsWithSegments(ApiPath))
        {
            context.Response.OnStarting(static state =>
            {
                var headers = ((HttpContext)state).Response.Headers;
                if (!VariesByOrigin(headers.Vary))
                {
                    headers.Append(HeaderNames.Vary, HeaderNames.Origin);
                }

                return Task.CompletedTask;
            }, context);
        }

        return next(context);
    }

    /// <summary>Whether a <c>Vary</c> already covers <c>Origin</c>: it names it, in any case, or is <c>*</c>.</summary>
    private static bool VariesByOrigin(StringValues vary) =>
        // Most answers have no Vary at all: nothing to split on the checkout's path.
        vary.Count > 0 && vary.SelectMany(value => (value ?? "").Split(',', StringSplitOptions.TrimEntries))
            .Any(name => name == "*" || name.Equals(HeaderNames.Origin, StringComparison.OrdinalIgnoreCase));
}
