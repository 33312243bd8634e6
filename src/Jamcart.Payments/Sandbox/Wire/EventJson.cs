using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>An event in Stripe's <c>event</c> shape, its <c>data.object</c> the snapshot taken when it happened.</summary>
internal static class EventJson
{
    public static JsonObject Render(EventRecord record) => new()
    {
        ["id"] = record.Id,
        ["object"] = "event",
        ["api_version"] = record.ApiVersion,
        ["created"] = record.Created,
        ["data"] = new JsonObject { ["object"] = JsonNode.Parse(record.Snapshot) },
        ["livemode"] = false,
        ["pending_webhooks"] = record.PendingWebhooks,
        ["request"] = new JsonObject
        {
            ["id"] = record.RequestId,
            ["idempotency_key"] = record.IdempotencyKey,
        },
        ["type"] = record.Type,
    };
}
