using Jamcart.Checkout.Idempotency;

namespace Jamcart.Functions.Idempotency;

/// <summary>Sends a kept answer byte for byte: the first time as it was made, later as a replay.</summary>
internal sealed class StoredAnswerResult(StoredResponse answer, bool replayed) : IResult, IStatusCodeHttpResult
{
    public int? StatusCode => answer.StatusCode;

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var response = httpContext.Response;
        response.StatusCode = answer.StatusCode;
        response.ContentType = answer.ContentType.Length > 0 ? answer.ContentType : null;
        response.ContentLength = answer.Body.Length;
        // An answer to one client's request: never for a shared cache.
        response.Headers.CacheControl = "no-store";
        if (replayed)
        {
            response.Headers[IdempotencyFilter.ReplayedHeader] = "true";
        }

        return response.Body.WriteAsync(answer.Body, httpContext.RequestAborted).AsTask();
    }
}
