namespace Jamcart.Functions.Security;

/// <summary>
/// Headers on every answer, set just before the headers go out so that no error path can lose them. API answers are
/// data, never documents, so their CSP forbids everything; the API reference page (Scalar) runs scripts and is spared.
/// </summary>
internal sealed class SecurityHeaders(RequestDelegate next)
{
    /// <summary>The Content-Security-Policy of API answers.</summary>
    public const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";

    /// <summary>Where the API reference page lives; it gets no API policy.</summary>
    public static readonly PathString ReferencePath = "/api/reference";

    private static readonly PathString ApiPath = "/api";

    public Task InvokeAsync(HttpContext context)
    {
        context.Response.OnStarting(static state =>
        {
            var http = (HttpContext)state;
            var headers = http.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.Remove("Server");
            var path = http.Request.Path;
            if (path.StartsWithSegments(ApiPath) && !path.StartsWithSegments(ReferencePath))
            {
                headers.ContentSecurityPolicy = ApiPolicy;
            }

            return Task.CompletedTask;
        }, context);
        return next(context);
    }
}
