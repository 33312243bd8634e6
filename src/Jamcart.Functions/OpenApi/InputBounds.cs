using System.Globalization;

using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Contracts;

using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.OpenApi;

/// <summary>The <c>minimum</c> and <c>maximum</c> of a request's numbers, the bounds their use case enforces.</summary>
internal static class InputBounds
{
    // Read from the use cases' own constants and options, so that the document cannot drift from the validation: a
    // generated client that checks these refuses exactly what the API would answer with invalid-request.
    // A refund's maximum is what is left of the order's payment, which no schema can say.
    private static readonly Dictionary<Type, Func<IServiceProvider, Dictionary<string, (long Minimum, long? Maximum)>>> Bounds = new()
    {
        [typeof(CartItemInput)] = services => new() { ["quantity"] = (PlaceOrder.MinQuantity, services.GetRequiredService<CheckoutOptions>().MaxQuantity) },
        [typeof(RefundOrderRequest)] = _ => new() { ["amount"] = (RefundOrder.MinAmount, null) },
        [typeof(SetStockRequest)] = _ => new() { ["onHand"] = (SetStock.MinOnHand, SetStock.MaxOnHand) },
    };

    public static Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        if (!Bounds.TryGetValue(context.JsonTypeInfo.Type, out var bounds) || schema.Properties is not { } properties)
        {
            return Task.CompletedTask;
        }

        foreach (var (member, (minimum, maximum)) in bounds(context.ApplicationServices))
        {
            if (properties.TryGetValue(member, out var found) && found is OpenApiSchema property)
            {
                property.Minimum = minimum.ToString(CultureInfo.InvariantCulture);
                property.Maximum = maximum?.ToString(CultureInfo.InvariantCulture);
            }
        }

        return Task.CompletedTask;
    }
}
