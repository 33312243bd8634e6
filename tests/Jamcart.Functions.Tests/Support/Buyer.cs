using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jamcart.Functions.Tests.Support;

/// <summary>What a shop's page does through the API: check out, open the order, confirm it.</summary>
internal static class Buyer
{
    public const string Email = "buyer@example.com";

    /// <summary>A valid checkout body for the test shop (ships to Korea).</summary>
    public static JsonObject CheckoutBody(params (string Sku, long Quantity)[] items) => new()
    {
        ["items"] = new JsonArray([.. items.Select(item => (JsonNode)new JsonObject { ["sku"] = item.Sku, ["quantity"] = item.Quantity })]),
        ["email"] = Email,
        ["shipping"] = new JsonObject
        {
            ["name"] = "Kim Minji",
            ["line1"] = "12 Sejong-daero",
            ["line2"] = null,
            ["city"] = "Seoul",
            ["region"] = null,
            ["postalCode"] = "04524",
            ["country"] = "KR",
        },
        ["locale"] = "ko",
    };

    public static Task<HttpResponseMessage> CheckoutAsync(this HttpClient client, JsonNode body, string? idempotencyKey = null) =>
        client.SendAsync(HttpMethod.Post, "/api/checkout", Http.Json(body), idempotencyKey is null ? [] : [("Idempotency-Key", idempotencyKey)]);

    /// <summary>Checks out and asserts the 201; returns its body.</summary>
    public static async Task<JsonElement> PlaceOrderAsync(this HttpClient client, string sku, long quantity = 1)
    {
        var response = await client.CheckoutAsync(CheckoutBody((sku, quantity)));
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.Created, body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static Task<HttpResponseMessage> GetOrderAsync(this HttpClient client, string orderId, string? token) =>
        client.SendAsync(HttpMethod.Get, "/api/orders/" + orderId, null, token is null ? [] : [("X-Order-Token", token)]);

    public static Task<HttpResponseMessage> OrderActionAsync(this HttpClient client, string orderId, string? token, string action) =>
        client.SendAsync(HttpMethod.Post, $"/api/orders/{orderId}/{action}", null, token is null ? [] : [("X-Order-Token", token)]);

    /// <summary>Units available now, as product pages read them.</summary>
    public static async Task<long?> AvailableAsync(this HttpClient client, string sku)
    {
        var response = await client.GetAsync("/api/stock?sku=" + sku, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var stock = (await response.JsonAsync()).GetProperty("stock");
        return stock.TryGetProperty(sku, out var units) ? units.GetInt64() : null;
    }
}
