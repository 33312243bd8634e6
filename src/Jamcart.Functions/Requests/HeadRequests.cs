namespace Jamcart.Functions.Requests;

/// <summary>
/// HEAD wherever GET is allowed (RFC 9110 asks it of every general-purpose server; uptime monitors and caches send
/// it): a HEAD request is routed and answered as GET. The server leaves out the body of an answer to HEAD by itself;
/// the method is put back before anything outside reads it, so a 405 names the method that was sent.
/// </summary>
/// <remarks>
/// Done here rather than by mapping HEAD on each endpoint, which would add HEAD operations to the OpenAPI document
/// that API.md does not have.
/// </remarks>
internal sealed class HeadRequests(RequestDelegate next)
{
    public Task InvokeAsync(HttpContext context) =>
        HttpMethods.IsHead(context.Request.Method) ? AsGetAsync(context) : next(context);

    private async Task AsGetAsync(HttpContext context)
    {
        context.Request.Method = HttpMethods.Get;
        try
        {
            await next(context);
        }
        finally
        {
            context.Request.Method = HttpMethods.Head;
        }
    }
}
