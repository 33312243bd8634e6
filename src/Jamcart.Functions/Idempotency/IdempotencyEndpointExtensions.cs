namespace Jamcart.Functions.Idempotency;

/// <summary>Adds <c>Idempotency-Key</c> handling to an endpoint.</summary>
public static class IdempotencyEndpointExtensions
{
    /// <summary>Retries with the same key get the first answer again; see <see cref="IdempotencyFilter"/>.</summary>
    public static TBuilder WithIdempotency<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, IdempotencyFilter>();
}
