using System.Text.Json.Nodes;

using Jamcart.Core;
using Jamcart.Functions.Contracts;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.OpenApi;

/// <summary>Lists the statuses an order view's <c>status</c> can hold, which its C# type (a string) cannot say.</summary>
internal static class OrderStatusValues
{
    /// <summary>Every status as the API writes it (docs/api.md), from the order state machine itself.</summary>
    public static List<JsonNode> All() => [.. Enum.GetValues<OrderStatus>().Select(status => (JsonNode)OrderStatuses.ToWire(status))];

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (context.JsonTypeInfo.Type.IsAssignableTo(typeof(OrderSummaryView))
            && schema.Properties is { } properties
            && properties.TryGetValue("status", out var found) && found is OpenApiSchema status)
        {
            status.Enum = All();
        }

        return Task.CompletedTask;
    }
}
