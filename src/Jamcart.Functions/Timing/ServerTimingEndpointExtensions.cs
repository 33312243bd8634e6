namespace Jamcart.Functions.Timing;

/// <summary>Adds <c>Server-Timing</c> to an endpoint.</summary>
public static class ServerTimingEndpointExtensions
{
    /// <summary>Splits the endpoint's answers into database, provider and own time; add it before other filters.</summary>
    public static TBuilder WithServerTiming<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter<TBuilder, ServerTimingFilter>();
}
