using System.Globalization;

using Microsoft.OpenApi;

namespace Jamcart.Functions.OpenApi;

/// <summary>Declares the headers an endpoint reads and writes for the OpenAPI document, which endpoint metadata cannot.</summary>
internal static class OpenApiHeaderExtensions
{
    /// <summary>A request header the endpoint reads; a string unless <paramref name="schema"/> says more.</summary>
    public static TBuilder AcceptsHeader<TBuilder>(this TBuilder builder, string name, bool required, string description, OpenApiSchema? schema = null)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            operation.Parameters ??= [];
            operation.Parameters.Add(new OpenApiParameter
            {
                Name = name,
                In = ParameterLocation.Header,
                Required = required,
                Description = description,
                Schema = schema ?? new OpenApiSchema { Type = JsonSchemaType.String },
            });
            return Task.CompletedTask;
        });

    /// <summary>A header of the endpoint's answers with these statuses, among those it declares.</summary>
    public static TBuilder ProducesHeader<TBuilder>(this TBuilder builder, string name, JsonSchemaType type, string description, params int[] statuses)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddOpenApiOperationTransformer((operation, _, _) =>
        {
            foreach (var status in statuses)
            {
                if (operation.Responses?.GetValueOrDefault(status.ToString(CultureInfo.InvariantCulture)) is OpenApiResponse response)
                {
                    response.Headers ??= new Dictionary<string, IOpenApiHeader>(StringComparer.OrdinalIgnoreCase);
                    response.Headers[name] = new OpenApiHeader { Description = description, Schema = new OpenApiSchema { Type = type } };
                }
            }

            return Task.CompletedTask;
        });
}
