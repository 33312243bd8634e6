using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Retrieve an event, and list events newest first with Stripe's cursor paging.</summary>
internal static class EventEndpoints
{
    private static readonly ListPaging Paging = new("event", "/v1/events");

    public static void Map(ApiRouter router, SandboxLedger ledger)
    {
        router.Get("/v1/events/{id}", ApiAccess.Secret, call =>
        {
            var id = call.RouteValue("id");
            var record = ledger.FindEvent(id) ?? throw StripeErrors.NoSuch("event", id, "id");
            return EventJson.Render(record);
        });
        router.Get("/v1/events", ApiAccess.Secret, call => List(ledger, call.Parameters));
    }

    private static JsonObject List(SandboxLedger ledger, FormParameters p)
    {
        var limit = ListPaging.Limit(p);
        var types = p.List("types").ToList();
        if (p.NonEmptyString("type") is { } type)
        {
            types.Add(type);
        }

        var newestFirst = ledger.Events
            .Where(record => types.Count == 0 || types.Any(pattern => Matches(pattern, record.Type)))
            .OrderByDescending(record => record.Sequence)
            .ToList();
        return Paging.Render(newestFirst, limit, p, record => record.Id, id => ledger.FindEvent(id) is not null, EventJson.Render);
    }

    /// <summary>An event type against a filter, where <c>payment_intent.*</c> matches every PaymentIntent event.</summary>
    private static bool Matches(string pattern, string type) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : pattern == type;
}
