using System.Text.Json;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Idempotency;
using Jamcart.Functions.Configuration;
using Jamcart.Functions.Problems;
using Jamcart.Functions.Requests;

using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Idempotency;

/// <summary>
/// <c>Idempotency-Key</c> for any endpoint it is added to (<see cref="IdempotencyEndpointExtensions.WithIdempotency"/>):
/// the first request with a key runs and its answer (2xx or 4xx) is kept; a retry with the same key and an equal body
/// gets exactly that answer again, marked <c>Idempotent-Replayed: true</c>, and runs nothing. A 5xx is not kept, so a
/// retry runs again. The key is scoped to the endpoint's route and its route values (the order of a refund).
/// </summary>
/// <remarks>
/// The key is claimed by a write before the endpoint runs, or, for an endpoint marked <see cref="ClaimWithFirstWrite"/>,
/// by the endpoint's own first write transaction (<see cref="DeferredClaim"/>), which saves a write per request; the
/// answer is then stored by the endpoint's last write if the endpoint holds it back for that, which saves another.
/// </remarks>
internal sealed partial class IdempotencyFilter(
    IIdempotencyStore store,
    TimeProvider time,
    IOptions<JamcartOptions> options,
    ILogger<IdempotencyFilter> logger) : IEndpointFilter
{
    public const string HeaderName = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    public const int MaxKeyLength = 255;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        var http = context.HttpContext;
        var header = http.Request.Headers[HeaderName];
        if (header.Count == 0)
        {
            return await next(context);
        }

        if (header.Count > 1 || !IsValidKey(header[0]))
        {
            throw new InvalidRequestException(
                new Dictionary<string, string[]> { [HeaderName] = [$"Send one {HeaderName} of 1 to {MaxKeyLength} printable ASCII characters."] });
        }

        var hash = CanonicalJson.Hash(await FingerprintedBodyAsync(http));
        var key = new IdempotencyKey(Scope(http), header[0]!);
        if (http.GetEndpoint()?.Metadata.GetMetadata<ClaimWithFirstWrite>() is null)
        {
            return await ClaimAndRunAsync(context, next, key, hash);
        }

        var now = time.GetUtcNow();
        var claim = new DeferredClaim(key, hash, now, now + options.Value.Background.IdempotencyLease);
        StoredResponse answer;
        try
        {
            using (claim.Enter())
            {
                answer = await RunAsync(context, next);
            }
        }
        catch (IdempotencyKeyTakenException)
        {
            // Nothing was written: answer as if the key had been claimed up front.
            return await ClaimAndRunAsync(context, next, key, hash);
        }
        catch when (claim.Made)
        {
            await store.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        if (claim.Made)
        {
            return claim.TakeLastWrite() is { } lastWrite
                ? await EndClaimWithLastWriteAsync(key, answer, lastWrite)
                : await EndClaimAsync(key, answer);
        }

        // Refused before any write: the refusal is kept in one write, unless another request with the key was recorded
        // first, whose answer is then the key's (this one changed nothing).
        if (answer.StatusCode >= 500 || await store.TryStoreAnswerAsync(claim, answer, time.GetUtcNow(), CancellationToken.None))
        {
            return new StoredAnswerResult(answer, replayed: false);
        }

        return await ClaimAndRunAsync(context, next, key, hash);
    }

    private async Task<object?> ClaimAndRunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next, IdempotencyKey key, string hash)
    {
        var background = options.Value.Background;
        var claim = await store.TryClaimAsync(key, hash, time.GetUtcNow(), background.IdempotencyLease, background.IdempotencyRetention, context.HttpContext.RequestAborted);
        switch (claim)
        {
            case IdempotencyClaim.Replay replay:
                LogReplayed(logger, key.Scope, replay.Response.StatusCode);
                return new StoredAnswerResult(replay.Response, replayed: true);
            case IdempotencyClaim.InProgress:
                throw new ApiProblemException(ApiProblems.IdempotencyInProgress, "A request with this Idempotency-Key is still running; retry in a moment.");
            case IdempotencyClaim.KeyReused:
                throw new ApiProblemException(ApiProblems.IdempotencyKeyReused, "This Idempotency-Key was used with a different request body; use a new key for a new request.");
        }

        StoredResponse answer;
        try
        {
            // A request taking the key over from one whose process died finishes what that one left (its order).
            using (claim is IdempotencyClaim.Claimed { AbandonedOrderId: { } abandoned } ? AbandonedAttempt.Enter(abandoned) : null)
            {
                answer = await RunAsync(context, next);
            }
        }
        catch
        {
            await store.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        return await EndClaimAsync(key, answer);
    }

    /// <summary>Runs the endpoint and captures its answer; a refusal (4xx) is an answer like any other.</summary>
    private static async Task<StoredResponse> RunAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        IResult result;
        try
        {
            result = await next(context) as IResult
                ?? throw new InvalidOperationException("An endpoint with idempotency must return an IResult.");
        }
        catch (Exception exception) when (ExceptionProblems.TryMap(exception, http) is { StatusCode: < 500 } refusal)
        {
            // The same retry is refused the same way.
            result = refusal;
        }

        return await CaptureAsync(http, result);
    }

    /// <summary>Ends a claim this request holds: a 5xx is not kept (a retry runs again), anything else is.</summary>
    private async Task<object?> EndClaimAsync(IdempotencyKey key, StoredResponse answer)
    {
        if (answer.StatusCode >= 500)
        {
            await store.ReleaseAsync(key, CancellationToken.None);
        }
        else
        {
            // Stored even when the client has gone: its retry must find the answer, not run the request twice.
            await store.CompleteAsync(key, answer, time.GetUtcNow(), CancellationToken.None);
        }

        return new StoredAnswerResult(answer, replayed: false);
    }

    /// <summary>
    /// Ends a claim whose request held back its last write (<see cref="DeferredClaim.TryHoldLastWrite"/>): the write
    /// runs now, storing the answer with it where it can. If it fails, its failure is the answer, and not kept.
    /// </summary>
    private async Task<object?> EndClaimWithLastWriteAsync(IdempotencyKey key, StoredResponse answer, Func<IdempotencyCompletion?, CancellationToken, Task> lastWrite)
    {
        var completion = answer.StatusCode >= 500 ? null : new IdempotencyCompletion(key, answer, time.GetUtcNow());
        try
        {
            // Run even when the client has gone, like the answer's storing: the request's effects must be whole.
            await lastWrite(completion, CancellationToken.None);
        }
        catch
        {
            await store.ReleaseAsync(key, CancellationToken.None);
            throw;
        }

        return completion is { Stored: true } ? new StoredAnswerResult(answer, replayed: false) : await EndClaimAsync(key, answer);
    }

    /// <summary>
    /// The body as its fingerprint sees it. Where the endpoint's body is optional (the refund's), an empty object is
    /// read as no body: both leave every member out, so both ask the same (a refund of what is left), and a client
    /// retrying with <c>{}</c> what it first sent empty, or the reverse, must get the first answer, not a 422 for
    /// another request. A JSON <c>null</c> keeps a fingerprint of its own: the endpoint refuses it.
    /// </summary>
    private static async Task<JsonDocument?> FingerprintedBodyAsync(HttpContext http)
    {
        var document = await RequestBody.ReadJsonAsync(http);
        var optional = http.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { IsOptional: true };
        return optional && document is { RootElement: { ValueKind: JsonValueKind.Object } root } && !root.EnumerateObject().Any()
            ? null
            : document;
    }

    /// <summary>1 to 255 characters from space to tilde.</summary>
    internal static bool IsValidKey(string? key) =>
        key is { Length: > 0 and <= MaxKeyLength } && key.AsSpan().IndexOfAnyExceptInRange(' ', '~') < 0;

    /// <summary>The route (<c>POST /api/admin/orders/{orderId}/refund</c>) with its values, so one key is one resource's.</summary>
    private static string Scope(HttpContext http)
    {
        var scope = http.Request.Method + " " + http.Request.Path.Value;
        if (http.GetEndpoint() is RouteEndpoint { RoutePattern: var pattern })
        {
            scope = http.Request.Method + " " + pattern.RawText;
            foreach (var parameter in pattern.Parameters)
            {
                scope += " " + parameter.Name + "=" + http.Request.RouteValues[parameter.Name];
            }
        }

        return scope;
    }

    private static async Task<StoredResponse> CaptureAsync(HttpContext http, IResult result)
    {
        var original = http.Response.Body;
        using var buffer = new MemoryStream();
        http.Response.Body = buffer;
        try
        {
            await result.ExecuteAsync(http);
            await http.Response.BodyWriter.FlushAsync(http.RequestAborted);
        }
        finally
        {
            http.Response.Body = original;
        }

        return new StoredResponse(http.Response.StatusCode, http.Response.ContentType ?? "", buffer.ToArray());
    }

    [LoggerMessage(EventId = 203, Level = LogLevel.Information, Message = "Replayed the stored {StatusCode} answer for an Idempotency-Key on {Scope}")]
    private static partial void LogReplayed(ILogger logger, string scope, int statusCode);
}
