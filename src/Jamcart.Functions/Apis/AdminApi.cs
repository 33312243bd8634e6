using System.Globalization;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Contracts;
using Jamcart.Functions.Idempotency;
using Jamcart.Functions.OpenApi;
using Jamcart.Functions.Problems;
using Jamcart.Functions.Requests;
using Jamcart.Functions.Security;
using Jamcart.Functions.Views;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.Apis;

/// <summary>The shop's API: orders, refunds, stock and maintenance, behind <c>Authorization: Bearer &lt;admin key&gt;</c>.</summary>
public static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder app)
    {
        var admin = app.MapGroup("/api/admin")
            .WithTags("Admin")
            .RequireAdminKey()
            .ProducesApiProblems(401, 429);

        admin.MapGet("/orders", ListOrdersAsync)
            .WithName("ListOrders")
            .WithSummary($"Orders newest first, a page at a time (limit {ListOrders.MinLimit} to {ListOrders.MaxLimit}, default {ListOrders.DefaultLimit}).")
            .AddOpenApiOperationTransformer(DescribeListQuery)
            .ProducesApiProblems(400);
        admin.MapGet("/orders/{orderId}", GetOrderAsync)
            .WithName("GetAdminOrder")
            .WithSummary("One order with its full e-mail, shipping address and refunds.")
            .ProducesApiProblems(404);
        admin.MapPost("/orders/{orderId}/refund", RefundOrderAsync)
            .WithName("RefundOrder")
            .WithSummary("Refunds an amount, or what is left when amount is omitted.")
            .WithIdempotency()
            .Accepts<RefundOrderRequest>(isOptional: true, ApiRoutes.Json)
            .ProducesApiProblems(400, 404, 409, 413, 415, 422, 503);
        admin.MapPut("/stock/{sku}", SetStockAsync)
            .WithName("SetStock")
            .WithSummary("Sets the units on hand of a SKU (reserved ones included).")
            .WithMetadata(UnknownSkuIsNotFound.Instance)
            // A count set again when the network delivers its request late would undo every count set since.
            .WithIdempotency()
            .Accepts<SetStockRequest>(ApiRoutes.Json)
            .ProducesApiProblems(400, 404, 409, 413, 415, 422);
        admin.MapPost("/maintenance", RunMaintenanceAsync)
            .WithName("RunMaintenance")
            .WithSummary("Runs one reconciliation pass and the purges, for a scheduler where idle instances are frozen; a part another run is doing is skipped.")
            .ProducesHeader("Cache-Control", JsonSchemaType.String, "`no-store`.", 200)
            .ProducesApiProblems(503);
        return app;
    }

    // Read as strings so that a bad value gets the API's own invalid-request answer, not the binder's.
    private static Task DescribeListQuery(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        foreach (var parameter in operation.Parameters?.OfType<OpenApiParameter>() ?? [])
        {
            parameter.Schema = parameter.Name switch
            {
                "status" => new OpenApiSchema
                {
                    Type = JsonSchemaType.String,
                    Enum = OrderStatusValues.All(),
                },
                "limit" => new OpenApiSchema
                {
                    Type = JsonSchemaType.Integer,
                    Format = "int32",
                    Minimum = ListOrders.MinLimit.ToString(CultureInfo.InvariantCulture),
                    Maximum = ListOrders.MaxLimit.ToString(CultureInfo.InvariantCulture),
                    Default = ListOrders.DefaultLimit,
                },
                _ => parameter.Schema,
            };
        }

        return Task.CompletedTask;
    }

    private static async Task<Ok<OrderListView>> ListOrdersAsync(
        HttpContext context,
        [FromQuery] string? status,
        [FromQuery] string? limit,
        [FromQuery] string? cursor,
        [FromServices] ListOrders listOrders,
        [FromServices] IPaymentProvider provider)
    {
        int? size = null;
        if (!string.IsNullOrEmpty(limit))
        {
            size = int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out var parsed)
                ? parsed
                : throw InvalidRequestException.For("limit", $"Must be a whole number from {ListOrders.MinLimit} to {ListOrders.MaxLimit}.");
        }

        var page = await listOrders.HandleAsync(status, size, cursor, context.RequestAborted);
        ApiRoutes.NoStore(context);
        return TypedResults.Ok(new OrderListView([.. page.Items.Select(order => OrderViews.ForAdmin(order, provider))], page.NextCursor));
    }

    private static async Task<Ok<AdminOrderView>> GetOrderAsync(
        HttpContext context,
        string orderId,
        [FromServices] GetAdminOrder getAdminOrder,
        [FromServices] IPaymentProvider provider)
    {
        var found = await getAdminOrder.HandleAsync(orderId, context.RequestAborted);
        ApiRoutes.NoStore(context);
        return TypedResults.Ok(OrderViews.ForAdmin(found, provider));
    }

    private static async Task<Ok<AdminOrderView>> RefundOrderAsync(
        HttpContext context,
        string orderId,
        [FromServices] RefundOrder refundOrder,
        [FromServices] IPaymentProvider provider)
    {
        var request = await RequestBody.ReadAsync(context, FunctionsJsonContext.Default.RefundOrderRequest, required: false);
        if (request is { Amount: null } && (await RequestBody.ReadJsonAsync(context))!.RootElement.TryGetProperty("amount", out _))
        {
            // Left out, amount means what is left; sent as null it is far more likely a client's bug than a wish to
            // give the whole payment back.
            throw InvalidRequestException.For("amount", "Send a whole number of minor units, or leave amount out to refund what is left.");
        }

        var refunded = await refundOrder.HandleAsync(orderId, request?.Amount, context.RequestAborted);
        ApiRoutes.NoStore(context);
        return TypedResults.Ok(OrderViews.ForAdmin(refunded, provider));
    }

    private static async Task<Ok<InventoryLevel>> SetStockAsync(
        HttpContext context,
        string sku,
        [FromServices] SetStock setStock)
    {
        var request = await RequestBody.ReadAsync(context, FunctionsJsonContext.Default.SetStockRequest);
        var level = await setStock.HandleAsync(sku, request!.OnHand, context.RequestAborted);
        ApiRoutes.NoStore(context);
        return TypedResults.Ok(level);
    }

    /// <remarks>
    /// Named for all it does (reconciliation and purges), not <c>reconcile</c>. A run that finds a part taken by another
    /// answers 200 with that part <c>skipped</c> rather than a 409: the work is being done, so a scheduler has nothing
    /// to retry or alert on, and no new problem type is needed.
    /// </remarks>
    private static async Task<Ok<MaintenanceView>> RunMaintenanceAsync(HttpContext context, [FromServices] RunMaintenance maintenance)
    {
        // A scheduler's event (EventBridge's) is read within the API's body limit and ignored, like any empty body.
        await RequestBody.EnsureEmptyOrObjectAsync(context);
        var report = await maintenance.RunAsync(context.RequestAborted);
        ApiRoutes.NoStore(context);
        return TypedResults.Ok(MaintenanceView.From(report));
    }
}
