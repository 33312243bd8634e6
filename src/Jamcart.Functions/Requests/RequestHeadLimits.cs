using System.Text;

using Jamcart.Functions.Problems;

using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Jamcart.Functions.Requests;

/// <summary>
/// The limits on a request's address and headers, answered with Problem Details (414 <c>uri-too-long</c>, 431
/// <c>headers-too-large</c>) like every other refusal.
/// </summary>
/// <remarks>
/// Kestrel refuses a request line or headers over its own limits before any middleware runs, with a bare status and
/// no way to give it a body. So Kestrel's limits are set well above these (<see cref="ConfigureServer"/>), and these,
/// the sizes Kestrel would otherwise refuse at, are checked here. Only a request over Kestrel's wider limits, or one
/// that is not well-formed HTTP at all, still gets Kestrel's bare answer (docs/api.md).
/// </remarks>
internal sealed class RequestHeadLimits(RequestDelegate next)
{
    /// <summary>The longest request target (path and query, as sent): Kestrel's default for the whole request line.</summary>
    public const int MaxTargetBytes = 8 * 1024;

    /// <summary>The most bytes of headers, counted as Kestrel counts them (in characters): name, value, and the separator and line end of each.</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>The most header fields.</summary>
    public const int MaxHeaderCount = 100;

    private const int SeparatorAndLineEnd = 4;

    /// <summary>
    /// Kestrel's own limits, wide enough that a request a little over the ones above still reaches this check, and
    /// header values read whatever their bytes.
    /// </summary>
    public static void ConfigureServer(KestrelServerOptions kestrel)
    {
        ArgumentNullException.ThrowIfNull(kestrel);
        kestrel.Limits.MaxRequestLineSize = 64 * 1024;
        kestrel.Limits.MaxRequestHeadersTotalSize = 64 * 1024;
        kestrel.Limits.MaxRequestHeaderCount = 1000;

        // HTTP allows any byte from 0x80 up in a field value, and Kestrel's default refuses the request with a bare 400
        // when those bytes are not UTF-8. Read as UTF-8 with U+FFFD for what is not, such a header reaches the endpoint,
        // which ignores it or refuses it with Problem Details like any other bad value.
        kestrel.RequestHeaderEncodingSelector = _ => Encoding.UTF8;
    }

    public Task InvokeAsync(HttpContext context)
    {
        var target = context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        var targetLength = string.IsNullOrEmpty(target)
            ? (context.Request.Path.Value?.Length ?? 0) + (context.Request.QueryString.Value?.Length ?? 0)
            : target.Length;
        if (targetLength > MaxTargetBytes)
        {
            return ProblemResult.Of(
                ApiProblems.UriTooLong,
                $"The address is {targetLength} characters long; at most {MaxTargetBytes} are accepted.").ExecuteAsync(context);
        }

        var (count, bytes) = Measure(context.Request.Headers);
        if (count > MaxHeaderCount || bytes > MaxHeaderBytes)
        {
            return ProblemResult.Of(
                ApiProblems.HeadersTooLarge,
                $"The request has {count} header fields of {bytes} bytes; at most {MaxHeaderCount} fields of {MaxHeaderBytes} bytes in all are accepted.")
                .ExecuteAsync(context);
        }

        return next(context);
    }

    private static (int Count, int Bytes) Measure(IHeaderDictionary headers)
    {
        int count = 0, bytes = 0;
        foreach (var (name, values) in headers)
        {
            foreach (var value in values)
            {
                // A field sent twice arrives as one name with two values: count both lines.
                count++;
                bytes += name.Length + (value?.Length ?? 0) + SeparatorAndLineEnd;
            }
        }

        return (count, bytes);
    }
}
