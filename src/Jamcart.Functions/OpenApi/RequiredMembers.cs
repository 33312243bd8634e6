using System.Text.Json.Serialization.Metadata;

using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Contracts;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.OpenApi;

/// <summary>
/// The <c>required</c> list of every object schema: in an answer, each member the serializer always writes (null
/// included); in a request body, what the API refuses to go without, and which members it refuses as null.
/// </summary>
internal static class RequiredMembers
{
    // Request bodies bind to types whose members are all nullable, so that validation, not the serializer, says what
    // is missing; what it insists on (docs/api.md) is written here. Every other member of these may be left out.
    private static readonly Dictionary<Type, string[]> RequestBodies = new()
    {
        [typeof(PlaceOrderCommand)] = ["items", "email"],
        [typeof(CartItemInput)] = ["sku", "quantity"],
        [typeof(ShippingInput)] = ["name", "line1", "city", "country"],
        [typeof(RefundOrderRequest)] = [],
        [typeof(SetStockRequest)] = ["onHand"],
    };

    // Members that may be left out but are refused as null (docs/api.md: "amount": null is not omitting it).
    private static readonly Dictionary<Type, string[]> NeverNull = new()
    {
        [typeof(RefundOrderRequest)] = ["amount"],
    };

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo;
        if (type.Kind != JsonTypeInfoKind.Object || schema.Properties is not { Count: > 0 } properties)
        {
            return Task.CompletedTask;
        }

        if (RequestBodies.TryGetValue(type.Type, out var members))
        {
            schema.Required = properties.Keys.Where(members.Contains).ToHashSet(StringComparer.Ordinal);
            // A null is refused like a missing member, though the C# type takes it.
            foreach (var member in schema.Required.Concat(NeverNull.GetValueOrDefault(type.Type, [])))
            {
                if (properties[member] is OpenApiSchema { Type: { } memberType } nullable)
                {
                    nullable.Type = memberType & ~JsonSchemaType.Null;
                }
            }
        }
        else
        {
            var written = type.Properties.Where(AlwaysWritten).Select(property => property.Name).ToHashSet(StringComparer.Ordinal);
            schema.Required = properties.Keys.Where(written.Contains).ToHashSet(StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }

    // A member the serializer leaves out when null (JsonIgnoreCondition.WhenWritingNull) carries this predicate.
    private static bool AlwaysWritten(JsonPropertyInfo property) => property.Get is not null && property.ShouldSerialize is null;
}
