using System.Data.Common;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Storage;

namespace Jamcart.Functions.Problems;

/// <summary>The one place where exceptions become Problem Details. Anything not listed here is a bug: 500.</summary>
public static class ExceptionProblems
{
    /// <summary>The answer for <paramref name="exception"/>, or null when it is not a refusal the API knows (a bug).</summary>
    public static ProblemResult? TryMap(Exception exception, HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return exception switch
        {
            ApiProblemException host => ProblemResult.Of(host.Problem, host.Message, RetryAfterFor(host.Problem)),
            InvalidRequestException invalid => new ProblemResult(Body(ApiProblems.InvalidRequest, invalid.Message) with { Errors = invalid.Errors }),
            UnknownSkuException unknown => new ProblemResult(Body(ApiProblems.UnknownSku, unknown.Message) with
            {
                Status = context.GetEndpoint()?.Metadata.GetMetadata<UnknownSkuIsNotFound>() is null ? 400 : 404,
                Sku = unknown.Sku,
            }),
            AmountOutOfRangeException amount => new ProblemResult(Body(ApiProblems.AmountOutOfRange, amount.Message) with
            {
                Minimum = amount.Minimum,
                Maximum = amount.Maximum,
            }),
            InvalidSignatureException signature => ProblemResult.Of(ApiProblems.InvalidSignature, signature.Message),
            // Always the same words: the answer must not tell a wrong token from a missing order (I6). The admin API
            // takes no token, so there the words name only the id.
            OrderNotFoundException => ProblemResult.Of(
                ApiProblems.OrderNotFound,
                context.Request.Path.StartsWithSegments("/api/admin", StringComparison.Ordinal) ? "There is no order with this id." : "There is no order with this id and token."),
            OrderStateConflictException conflict => ProblemResult.Of(ApiProblems.OrderStateConflict, conflict.Message),
            OutOfStockException stock => new ProblemResult(Body(ApiProblems.OutOfStock, stock.Message) with
            {
                Sku = stock.Sku,
                Requested = stock.Requested,
                Available = stock.Available,
            }),
            // The adapter's message may name hosts or HTTP details: the buyer gets a fixed sentence. Confirm and cancel
            // take no key, so the key is named only for the requests that sent one.
            PaymentProviderUnavailableException => ProblemResult.Of(
                ApiProblems.PaymentProviderUnavailable,
                "The payment provider did not answer, and nothing was kept; retry the same request (with the same Idempotency-Key, if it had one).",
                RetryAfter(2)),
            StoreConflictException => ProblemResult.Of(
                ApiProblems.ServiceUnavailable,
                "The request collided with another one and nothing was kept; retry it.",
                RetryAfter(1)),
            // A database that does not answer (refused, cut, timed out, missing, full) is an outage to wait out, not a bug.
            DbException database when StoreDatabaseErrors.MeansUnavailable(database) => ProblemResult.Of(
                ApiProblems.ServiceUnavailable,
                "The store database did not answer and nothing was kept; retry in a moment.",
                RetryAfter(2)),
            BadHttpRequestException bad => ForBadRequest(bad),
            _ => null,
        };
    }

    private static ProblemBody Body(ApiProblem problem, string detail) =>
        new() { Type = problem.Type, Title = problem.Title, Status = problem.Status, Detail = detail };

    private static ProblemResult ForBadRequest(BadHttpRequestException bad) => bad.StatusCode switch
    {
        // Kestrel's own limit, reached while reading a body (a chunked one, or one longer than it said).
        StatusCodes.Status413PayloadTooLarge => ProblemResult.Of(ApiProblems.PayloadTooLarge, "The request body is larger than this endpoint accepts."),
        StatusCodes.Status415UnsupportedMediaType => ProblemResult.Of(ApiProblems.UnsupportedMediaType, "Send the body as application/json."),
        _ => ProblemResult.Of(ApiProblems.InvalidRequest, "The HTTP request is malformed."),
    };

    private static KeyValuePair<string, string>[] RetryAfterFor(ApiProblem problem) =>
        problem == ApiProblems.IdempotencyInProgress ? RetryAfter(1) : [];

    private static KeyValuePair<string, string>[] RetryAfter(int seconds) =>
        [new("Retry-After", seconds.ToString(System.Globalization.CultureInfo.InvariantCulture))];
}
