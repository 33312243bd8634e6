using Jamcart.Functions.Problems;

namespace Jamcart.Functions.Apis;

/// <summary>Declares an endpoint's problem answers for the OpenAPI document.</summary>
internal static class ProblemMetadataExtensions
{
    public static TBuilder ProducesApiProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemBody), [ProblemResult.MediaType]));
        }

        return builder;
    }
}
