using System.Text.Json.Nodes;

using Stripe;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>Webhook events as only the provider could make them: signed with the endpoint's secret.</summary>
internal static class ProviderEvents
{
    /// <summary>An event changed and signed again, under a new id unless one is given.</summary>
    public static Delivery Resign(TestShop shop, string body, Action<JsonNode> change, string? eventId = null)
    {
        var json = JsonNode.Parse(body)!;
        change(json);
        json["id"] = eventId ?? "evt_changed_" + Guid.NewGuid().ToString("N");
        var text = json.ToJsonString();
        var signature = EventUtility.GenerateSignatureHeader(text, shop.Sandbox.WebhookSecret, shop.Clock.GetUtcNow().ToUnixTimeSeconds());
        return new Delivery(text, new Dictionary<string, string> { ["Stripe-Signature"] = signature });
    }
}
