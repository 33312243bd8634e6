using System.Text.Json.Nodes;

using Jamcart.Checkout.Payments;
using Jamcart.Functions.Contracts;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.OpenApi;

/// <summary>
/// Lists the statuses a refund's and a dispute's <c>status</c> can hold, which their C# type (a string) cannot say:
/// the provider's words, from the constants the checkout compares them with.
/// </summary>
internal static class ProviderStatusValues
{
    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var values = context.JsonTypeInfo.Type == typeof(RefundView) ? RefundStatuses.All
            : context.JsonTypeInfo.Type == typeof(DisputeView) ? DisputeStatuses.All
            : null;
        if (values is not null
            && schema.Properties is { } properties
            && properties.TryGetValue("status", out var found) && found is OpenApiSchema status)
        {
            status.Enum = [.. values.Select(value => (JsonNode)value)];
        }

        return Task.CompletedTask;
    }
}
