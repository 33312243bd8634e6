namespace Jamcart.Functions.Timing;

/// <summary>Adds <c>Server-Timing: db;dur=…, provider;dur=…, app;dur=…</c> to an endpoint's answers, refusals (4xx) excepted.</summary>
internal sealed class ServerTimingFilter : IEndpointFilter
{
    public const string HeaderName = "Server-Timing";

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var timings = RequestTimings.Start();
        context.HttpContext.Response.OnStarting(static state =>
        {
            var (http, timings) = ((HttpContext, RequestTimings))state;
            // A refusal carries no timing: how long its database work took tells why it was refused, such as a wrong
            // order token (the order was found) from an unknown order, which must answer alike (I6).
            if (http.Response.StatusCode is < 400 or >= 500)
            {
                http.Response.Headers[HeaderName] = timings.ToHeader();
            }

            return Task.CompletedTask;
        }, (context.HttpContext, timings));
        // Awaited here so that the timings stay this request's and do not leak into the connection's next one.
        return await next(context);
    }
}
