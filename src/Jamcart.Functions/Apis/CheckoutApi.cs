using Jamcart.Checkout.Payments;
using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Contracts;
using Jamcart.Functions.Idempotency;
using Jamcart.Functions.Problems;
using Jamcart.Functions.Requests;
using Jamcart.Functions.Timing;
using Jamcart.Functions.Views;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Jamcart.Functions.Apis;

/// <summary><c>POST /api/checkout</c>: a cart of SKUs and quantities becomes an order with reserved stock and a payment.</summary>
public static class CheckoutApi
{
    public static IEndpointRouteBuilder MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/checkout", PlaceOrderAsync)
            .WithName("PlaceOrder")
            .WithTags("Checkout")
            .WithSummary("Creates an order, reserves its stock and its payment.")
            .WithServerTiming()
            // Nothing is reserved or asked of the provider before the order's transaction, which claims the key.
            .WithIdempotency(claimWithFirstWrite: true)
            .Accepts<PlaceOrderCommand>(ApiRoutes.Json)
            .ProducesApiProblems(400, 409, 413, 415, 422, 429, 503);
        return app;
    }

    private static async Task<Results<Created<CheckoutResponse>, ProblemResult>> PlaceOrderAsync(
        HttpContext context,
        [FromServices] PlaceOrder placeOrder,
        [FromServices] IPaymentProvider provider,
        [FromServices] PaymentScript script)
    {
        var command = await RequestBody.ReadAsync(context, FunctionsJsonContext.Default.PlaceOrderCommand);
        var outcome = await placeOrder.PlaceAsync(command!, context.RequestAborted);
        if (outcome.Placed is not { } placed)
        {
            // The same problem a thrown refusal gets, without the throw: most requests of a sale that sold out.
            return ExceptionProblems.TryMap(outcome.OutOfStock!, context)!;
        }

        ApiRoutes.NoStore(context);
        return TypedResults.Created((string?)null, OrderViews.ForCheckout(placed.Order, placed.OrderToken, provider, script));
    }
}
