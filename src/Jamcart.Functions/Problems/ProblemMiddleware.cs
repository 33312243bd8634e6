namespace Jamcart.Functions.Problems;

/// <summary>
/// The host's outer boundary: a refusal thrown anywhere becomes its Problem Details; anything else is logged with
/// the trace id and answered 500 <c>internal-error</c> with nothing of the exception in it. Bare error statuses the
/// framework sets without a body (an unknown route, a wrong method) get their problem too.
/// </summary>
internal sealed partial class ProblemMiddleware(RequestDelegate next, ILogger<ProblemMiddleware> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        try
        {
            await next(context);
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The client went away; there is no one to answer.
            return;
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var problem = ExceptionProblems.TryMap(exception, context);
            if (problem is null)
            {
                LogUnhandled(logger, exception, context.Request.Method, context.Request.Path);
                problem = ProblemResult.Of(ApiProblems.InternalError, "An unexpected error occurred. Quote the traceId when you report it.");
            }
            else if (problem.StatusCode >= 500)
            {
                LogUnavailable(logger, problem.Value.Type, context.Request.Method, context.Request.Path);
            }

            // Keep what must survive an error (CORS, Allow), drop what the failed handler may have set.
            var keep = context.Response.Headers
                .Where(header => header.Key.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase) || header.Key == "Vary")
                .ToArray();
            context.Response.Clear();
            foreach (var (name, value) in keep)
            {
                context.Response.Headers[name] = value;
            }

            await problem.ExecuteAsync(context);
            return;
        }

        var status = context.Response.StatusCode;
        if (status >= 400 && !context.Response.HasStarted && context.Response.ContentLength is null && context.Response.ContentType is null)
        {
            if (status == StatusCodes.Status405MethodNotAllowed)
            {
                AllowHeadWithGet(context.Response);
            }

            var problem = ApiProblems.ForStatus(status);
            await ProblemResult.Of(problem, DetailFor(problem, context)).ExecuteAsync(context);
        }
    }

    // Routing lists the methods its endpoints map; HEAD is answered wherever GET is (HeadRequests), so it is allowed too.
    private static void AllowHeadWithGet(HttpResponse response)
    {
        var allow = response.Headers.Allow.ToString();
        var methods = allow.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (methods.Contains(HttpMethods.Get, StringComparer.OrdinalIgnoreCase) && !methods.Contains(HttpMethods.Head, StringComparer.OrdinalIgnoreCase))
        {
            response.Headers.Allow = allow + ", " + HttpMethods.Head;
        }
    }

    private static string DetailFor(ApiProblem problem, HttpContext context) =>
        problem == ApiProblems.MethodNotAllowed
            ? $"{context.Request.Method} is not allowed here; see the Allow header."
            : problem == ApiProblems.NotFound
                ? "No route matches this address."
                : problem.Title;

    [LoggerMessage(EventId = 200, Level = LogLevel.Error, Message = "Unhandled exception for {Method} {Path}")]
    private static partial void LogUnhandled(ILogger logger, Exception exception, string method, PathString path);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Answered {ProblemType} for {Method} {Path}")]
    private static partial void LogUnavailable(ILogger logger, string problemType, string method, PathString path);
}
