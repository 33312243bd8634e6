using System.Diagnostics;
using System.Text.Json.Serialization.Metadata;

using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.Options;

using Jamcart.Functions.Contracts;

namespace Jamcart.Functions.Problems;

/// <summary>Writes a <see cref="ProblemBody"/> as <c>application/problem+json</c>, with any headers the problem needs.</summary>
public sealed class ProblemResult : IResult, IStatusCodeHttpResult, IContentTypeHttpResult, IValueHttpResult, IValueHttpResult<ProblemBody>
{
    /// <summary>The media type of every problem.</summary>
    public const string MediaType = "application/problem+json";

    private readonly KeyValuePair<string, string>[] _headers;

    public ProblemResult(ProblemBody body, params KeyValuePair<string, string>[] headers)
    {
        ArgumentNullException.ThrowIfNull(body);
        Value = body;
        _headers = headers;
    }

    public ProblemBody Value { get; }

    object? IValueHttpResult.Value => Value;

    public int StatusCode => Value.Status;

    int? IStatusCodeHttpResult.StatusCode => Value.Status;

    public string ContentType => MediaType;

    /// <summary>A problem of the table with <paramref name="detail"/> and nothing else.</summary>
    public static ProblemResult Of(ApiProblem problem, string detail, params KeyValuePair<string, string>[] headers) =>
        new(new ProblemBody { Type = problem.Type, Title = problem.Title, Status = problem.Status, Detail = detail }, headers);

    public Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        Value.TraceId ??= Activity.Current?.Id ?? httpContext.TraceIdentifier;
        httpContext.Response.StatusCode = Value.Status;

        // A problem answers one request: a cache must not hand it to another (HTTP lets caches keep a 404, and an
        // order's 404 for a request without its token would then reach the buyer who has the token).
        httpContext.Response.Headers.CacheControl = "no-store";
        foreach (var (name, value) in _headers)
        {
            httpContext.Response.Headers[name] = value;
        }

        return httpContext.Response.WriteAsJsonAsync(Value, TypeInfo(httpContext), MediaType, httpContext.RequestAborted);
    }

    // Written as every other answer is, with ASP.NET Core's relaxed escaping ("order's", "보성" as they are): the
    // context's own default would send \u0027 and \uBCF4, valid JSON but not what a developer reading it expects.
    private static JsonTypeInfo<ProblemBody> TypeInfo(HttpContext httpContext) =>
        httpContext.RequestServices?.GetService<IOptions<JsonOptions>>()?.Value.SerializerOptions.GetTypeInfo(typeof(ProblemBody))
            as JsonTypeInfo<ProblemBody> ?? FunctionsJsonContext.Default.ProblemBody;
}
