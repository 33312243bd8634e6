using Jamcart.Functions.Contracts;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.OpenApi;

/// <summary>Leaves out of a schema the members its type inherits but never writes.</summary>
internal static class NeverWrittenMembers
{
    private static readonly Dictionary<Type, string[]> Inherited = new()
    {
        // The buyer's view carries the client secret while the order waits for its payment; the shop's view, which
        // derives from it, never does. Listed, it would tell a generated client to expect a secret there.
        [typeof(AdminOrderView)] = ["payment"],
    };

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (Inherited.TryGetValue(context.JsonTypeInfo.Type, out var members) && schema.Properties is { } properties)
        {
            foreach (var member in members)
            {
                properties.Remove(member);
                schema.Required?.Remove(member);
            }
        }

        return Task.CompletedTask;
    }
}
