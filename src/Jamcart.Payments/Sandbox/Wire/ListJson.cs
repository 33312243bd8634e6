using System.Text.Json.Nodes;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>Stripe's list envelope: <c>{"object":"list","data":[…],"has_more":…,"url":…}</c>.</summary>
internal static class ListJson
{
    public static JsonObject Render(IEnumerable<JsonObject> items, bool hasMore, string url) => new()
    {
        ["object"] = "list",
        ["data"] = new JsonArray([.. items.Select(item => (JsonNode)item)]),
        ["has_more"] = hasMore,
        ["url"] = url,
    };
}
