using Jamcart.Functions.OpenApi;

using Microsoft.OpenApi;

namespace Jamcart.Functions.Idempotency;

/// <summary>Adds <c>Idempotency-Key</c> handling to an endpoint.</summary>
public static class IdempotencyEndpointExtensions
{
    /// <summary>Retries with the same key get the first answer again; see <see cref="IdempotencyFilter"/>.</summary>
    /// <param name="claimWithFirstWrite">
    /// Claim the key in the endpoint's first write transaction instead of in a write of its own (<see cref="ClaimWithFirstWrite"/>).
    /// </param>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder, bool claimWithFirstWrite = false)
        where TBuilder : IEndpointConventionBuilder =>
        (claimWithFirstWrite ? builder.WithMetadata(ClaimWithFirstWrite.Instance) : builder)
            .AddEndpointFilter<TBuilder, IdempotencyFilter>()
            .AcceptsHeader(
                IdempotencyFilter.HeaderName,
                required: false,
                "Makes a retry safe: the same key with an equal body within 24 hours gets the first answer again and runs nothing.",
                new OpenApiSchema { Type = JsonSchemaType.String, MinLength = 1, MaxLength = IdempotencyFilter.MaxKeyLength, Pattern = "^[ -~]+$" })
            // The answers the filter keeps and replays: the endpoint's own success and refusals, never a 5xx.
            .ProducesHeader(IdempotencyFilter.ReplayedHeader, JsonSchemaType.String, "`true` when this is the kept answer to an earlier request with the same key.", 200, 201, 400, 404, 409)
            .ProducesHeader("Retry-After", JsonSchemaType.Integer, "With `idempotency-in-progress`: seconds to wait before retrying with the same key.", 409);
}
