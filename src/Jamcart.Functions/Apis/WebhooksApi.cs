using System.Text;

using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Contracts;
using Jamcart.Functions.OpenApi;
using Jamcart.Functions.Requests;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Jamcart.Functions.Apis;

/// <summary>
/// <c>POST /api/webhooks/stripe</c>: signed provider events, read from the raw body (the signature covers its exact
/// bytes). Every verified event gets 200, whatever became of it, or the provider retries for days. Not rate limited:
/// the provider is not a client to throttle.
/// </summary>
public static class WebhooksApi
{
    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/webhooks/stripe", ReceiveAsync)
            .WithName("ReceiveStripeWebhook")
            .WithTags("Webhooks")
            .WithSummary("A signed event from the payment provider (Stripe-Signature header).")
            .WithMetadata(BodyLimit.Webhook)
            .DisableRateLimiting()
            .Accepts<string>(ApiRoutes.Json)
            .AcceptsHeader(
                "Stripe-Signature",
                required: true,
                "`t=…,v1=…`: HMAC-SHA256 of `t + \".\" + body` under the endpoint secret; several `v1` allowed; `t` within 300 s.")
            .AddOpenApiOperationTransformer(DescribeEvent)
            .ProducesApiProblems(400, 413, 503);
        return app;
    }

    // The body is read as the raw bytes the signature covers, so no type describes it: declared as a string above for
    // the media type alone, it is the event object here.
    private static Task DescribeEvent(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken ct)
    {
        if (operation.RequestBody is OpenApiRequestBody { Content: { } content } body && content.TryGetValue(ApiRoutes.Json, out var json))
        {
            body.Description = "A Stripe event, read leniently whatever its API version.";
            json.Schema = new OpenApiSchema { Type = JsonSchemaType.Object };
        }

        return Task.CompletedTask;
    }

    private static async Task<Ok<WebhookReceipt>> ReceiveAsync(HttpContext context, [FromServices] HandleWebhook handleWebhook)
    {
        var body = await RequestBody.ReadJsonBytesAsync(context);
        var headers = context.Request.Headers.ToDictionary(
            header => header.Key,
            header => header.Value.ToString(),
            StringComparer.OrdinalIgnoreCase);
        await handleWebhook.HandleAsync(Encoding.UTF8.GetString(body.Span), headers, context.RequestAborted);
        return TypedResults.Ok(new WebhookReceipt(true));
    }
}
