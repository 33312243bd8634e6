using System.Text.Json.Serialization.Metadata;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.OpenApi;

/// <summary>Takes null out of the type of every answer's member that the serializer leaves out rather than write as null.</summary>
internal static class LeftOutWhenNull
{
    // Microsoft.AspNetCore.OpenApi's mark for a member of an object type that may be null, which the package keeps
    // internal: once the transformers have run, it turns the member's $ref into "oneOf: [null, $ref]".
    private const string NullableReference = "x-is-nullable-property";

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        // The C# type is nullable only so that the view can go without the member (JsonIgnoreCondition.WhenWritingNull):
        // an answer has it as a value or not at all, and a client told it may be null checks for a null never sent.
        foreach (var member in type.Properties.Where(property => property.ShouldSerialize is not null).Select(property => property.Name))
        {
            if (!properties.TryGetValue(member, out var found) || found is not OpenApiSchema property)
            {
                continue;
            }

            if (property.Type is { } memberType && memberType.HasFlag(JsonSchemaType.Null))
            {
                property.Type = memberType & ~JsonSchemaType.Null;
            }

            property.Metadata?.Remove(NullableReference);
        }

        return Task.CompletedTask;
    }
}
