using Jamcart.Functions.OpenApi;
using Jamcart.Functions.Problems;

using Microsoft.OpenApi;

namespace Jamcart.Functions.Apis;

/// <summary>Declares an endpoint's problem answers for the OpenAPI document.</summary>
internal static class ProblemMetadataExtensions
{
    /// <summary>The problem answers with these statuses; a 429 or 503 says when to retry (<c>Retry-After</c>).</summary>
    public static TBuilder ProducesApiProblems<TBuilder>(this TBuilder builder, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder
    {
        foreach (var status in statuses)
        {
            builder.WithMetadata(new ProducesResponseTypeMetadata(status, typeof(ProblemBody), [ProblemResult.MediaType]));
        }

        return builder.ProducesHeader("Retry-After", JsonSchemaType.Integer, "Seconds to wait before retrying.", 429, 503);
    }
}
