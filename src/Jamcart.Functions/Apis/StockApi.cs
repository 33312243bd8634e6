using Jamcart.Checkout.UseCases;
using Jamcart.Functions.Contracts;
using Jamcart.Functions.OpenApi;
using Jamcart.Functions.RateLimiting;

using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.OpenApi;

namespace Jamcart.Functions.Apis;

/// <summary><c>GET /api/stock?sku=A&amp;sku=B</c>: units available now, which product pages poll (own, higher rate limit).</summary>
public static class StockApi
{
    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/api/stock", GetStockAsync)
            .WithName("GetStock")
            .WithTags("Stock")
            .WithSummary("Units available now per SKU (1 to 100 SKUs); unknown SKUs are left out.")
            .RequireRateLimiting(RateLimitPolicies.Stock)
            .ProducesHeader("Cache-Control", JsonSchemaType.String, "`public, max-age=2`.", 200)
            .ProducesApiProblems(400, 429);
        return app;
    }

    private static async Task<Ok<StockView>> GetStockAsync(
        HttpContext context,
        [FromQuery(Name = "sku")] string[]? sku,
        [FromServices] GetStock getStock)
    {
        var stock = await getStock.HandleAsync(sku, context.RequestAborted);
        // Short and public: a CDN may absorb a burst of page views, and a count two seconds old is still honest.
        context.Response.Headers.CacheControl = "public, max-age=2";
        return TypedResults.Ok(new StockView(stock));
    }
}
