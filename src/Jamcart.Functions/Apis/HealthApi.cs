using Jamcart.Checkout.Storage;
using Jamcart.Functions.Contracts;
using Jamcart.Functions.Problems;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jamcart.Functions.Apis;

/// <summary><c>GET /api/health</c>: 200 while the store database answers, 503 otherwise. Not rate limited (probes).</summary>
public static partial class HealthApi
{
    public static IEndpointRouteBuilder MapHealthApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/health", CheckAsync)
            .WithName("Health")
            .WithTags("Health")
            .WithSummary("Whether the store database answers.")
            .DisableRateLimiting()
            // Unlike every other 503, without Retry-After: a probe keeps its own schedule.
            .Produces<ProblemBody>(StatusCodes.Status503ServiceUnavailable, ProblemResult.MediaType);
        return app;
    }

    private static async Task<Results<Ok<HealthView>, ProblemResult>> CheckAsync(
        HttpContext context,
        [FromServices] ICheckoutStore store,
        [FromServices] ILoggerFactory loggers)
    {
        context.Response.Headers.CacheControl = "no-store";
        bool answers;
        try
        {
            answers = await store.PingAsync(context.RequestAborted);
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !context.RequestAborted.IsCancellationRequested)
        {
            // The health check's job is to say "down", not to fail: any exception here means the database does not answer.
            LogPingFailed(loggers.CreateLogger(typeof(HealthApi)), exception);
            answers = false;
        }

        return answers
            ? TypedResults.Ok(new HealthView("ok"))
            : ProblemResult.Of(ApiProblems.ServiceUnavailable, "The store database does not answer.");
    }

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "Health check: the store database does not answer")]
    private static partial void LogPingFailed(ILogger logger, Exception exception);
}
