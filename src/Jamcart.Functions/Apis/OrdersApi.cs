using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Contracts;
using Jamcart.Functions.OpenApi;
using Jamcart.Functions.Requests;
using Jamcart.Functions.Timing;
using Jamcart.Functions.Views;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Jamcart.Functions.Apis;

/// <summary>
/// A buyer's order, opened with its <c>X-Order-Token</c> header (never a query parameter: URLs end up in logs and
/// <c>Referer</c> headers). A wrong token answers exactly like an unknown order.
/// </summary>
public static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        var orders = app.MapGroup("/api/orders/{orderId}").WithTags("Orders");
        orders.MapGet("", GetOrderAsync)
            .WithName("GetOrder")
            .WithSummary("The order as its buyer sees it.")
            .ProducesHeader("Cache-Control", JsonSchemaType.String, "`no-store`: the order belongs to one buyer.", 200)
            .ProducesApiProblems(404, 429);
        orders.MapPost("/confirm", ConfirmOrderAsync)
            .WithName("ConfirmOrder")
            .WithSummary("Asks the provider for the payment's state and moves the order accordingly.")
            .WithServerTiming()
            .ProducesApiProblems(400, 404, 413, 415, 429, 503);
        orders.MapPost("/cancel", CancelOrderAsync)
            .WithName("CancelOrder")
            .WithSummary("Cancels a pending order: releases its stock and cancels its payment.")
            .ProducesApiProblems(400, 404, 409, 413, 415, 429, 503);
        return app;
    }

    private static Task<Ok<OrderView>> GetOrderAsync(
        HttpContext context,
        string orderId,
        [FromHeader(Name = ApiRoutes.OrderTokenHeader)] string? orderToken,
        [FromServices] GetOrder getOrder,
        [FromServices] IPaymentProvider provider,
        [FromServices] PaymentScript script) =>
        AnswerAsync(context, provider, script, () => getOrder.HandleAsync(orderId, orderToken, context.RequestAborted));

    private static Task<Ok<OrderView>> ConfirmOrderAsync(
        HttpContext context,
        string orderId,
        [FromHeader(Name = ApiRoutes.OrderTokenHeader)] string? orderToken,
        [FromServices] ConfirmOrder confirmOrder,
        [FromServices] IPaymentProvider provider,
        [FromServices] PaymentScript script) =>
        AnswerAsync(context, provider, script, () => confirmOrder.HandleAsync(orderId, orderToken, context.RequestAborted), bodyAllowed: true);

    private static Task<Ok<OrderView>> CancelOrderAsync(
        HttpContext context,
        string orderId,
        [FromHeader(Name = ApiRoutes.OrderTokenHeader)] string? orderToken,
        [FromServices] CancelOrder cancelOrder,
        [FromServices] IPaymentProvider provider,
        [FromServices] PaymentScript script) =>
        AnswerAsync(context, provider, script, () => cancelOrder.HandleAsync(orderId, orderToken, context.RequestAborted), bodyAllowed: true);

    /// <param name="bodyAllowed">Actions take no parameters, but accept an empty body or a JSON object.</param>
    private static async Task<Ok<OrderView>> AnswerAsync(
        HttpContext context, IPaymentProvider provider, PaymentScript script, Func<Task<Order>> handle, bool bodyAllowed = false)
    {
        if (bodyAllowed)
        {
            await RequestBody.EnsureEmptyOrObjectAsync(context);
        }

        var order = await handle();
        ApiRoutes.NoStore(context);
        return TypedResults.Ok(OrderViews.ForBuyer(order, provider, script));
    }
}
