namespace Jamcart.Functions.Problems;

/// <summary>The API's problem table (docs/api.md): every failure the functions answer with is one of these.</summary>
public static class ApiProblems
{
    public static readonly ApiProblem InvalidRequest = new("invalid-request", 400, "The request is not valid.");
    public static readonly ApiProblem UnknownSku = new("unknown-sku", 400, "There is no such product for sale.");
    public static readonly ApiProblem AmountOutOfRange = new("amount-out-of-range", 400, "The order total cannot be charged.");
    public static readonly ApiProblem InvalidSignature = new("invalid-signature", 400, "The webhook signature is not valid.");
    public static readonly ApiProblem Unauthorized = new("unauthorized", 401, "The admin key is missing or wrong.");
    public static readonly ApiProblem NotFound = new("not-found", 404, "There is no such route.");
    public static readonly ApiProblem OrderNotFound = new("order-not-found", 404, "The order was not found.");
    public static readonly ApiProblem MethodNotAllowed = new("method-not-allowed", 405, "The route does not accept this method.");
    public static readonly ApiProblem OutOfStock = new("out-of-stock", 409, "Not enough stock.");
    public static readonly ApiProblem IdempotencyInProgress = new("idempotency-in-progress", 409, "A request with this Idempotency-Key is still running.");
    public static readonly ApiProblem OrderStateConflict = new("order-state-conflict", 409, "The action does not fit the order's status.");
    public static readonly ApiProblem PayloadTooLarge = new("payload-too-large", 413, "The request body is too large.");
    public static readonly ApiProblem UriTooLong = new("uri-too-long", 414, "The request's address is too long.");
    public static readonly ApiProblem UnsupportedMediaType = new("unsupported-media-type", 415, "The request body must be application/json.");
    public static readonly ApiProblem IdempotencyKeyReused = new("idempotency-key-reused", 422, "The Idempotency-Key was used with a different request.");
    public static readonly ApiProblem HeadersTooLarge = new("headers-too-large", 431, "The request's headers are too large.");
    public static readonly ApiProblem RateLimited = new("rate-limited", 429, "Too many requests.");
    public static readonly ApiProblem InternalError = new("internal-error", 500, "Something went wrong on our side.");
    public static readonly ApiProblem PaymentProviderUnavailable = new("payment-provider-unavailable", 503, "The payment provider is unavailable.");
    public static readonly ApiProblem ServiceUnavailable = new("service-unavailable", 503, "The service is unavailable for a moment.");

    /// <summary>Every problem, in the table's order.</summary>
    public static IReadOnlyList<ApiProblem> All { get; } =
    [
        InvalidRequest, UnknownSku, AmountOutOfRange, InvalidSignature, Unauthorized, NotFound, OrderNotFound,
        MethodNotAllowed, OutOfStock, IdempotencyInProgress, OrderStateConflict, PayloadTooLarge, UriTooLong,
        UnsupportedMediaType, IdempotencyKeyReused, HeadersTooLarge, RateLimited, InternalError, PaymentProviderUnavailable, ServiceUnavailable,
    ];

    /// <summary>The problem for a bare status code some part of the framework set without a body.</summary>
    public static ApiProblem ForStatus(int status) => status switch
    {
        401 => Unauthorized,
        404 => NotFound,
        405 => MethodNotAllowed,
        413 => PayloadTooLarge,
        414 => UriTooLong,
        415 => UnsupportedMediaType,
        429 => RateLimited,
        431 => HeadersTooLarge,
        503 => ServiceUnavailable,
        >= 400 and < 500 => InvalidRequest,
        _ => InternalError,
    };
}
