using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Retrieve an event, and list events newest first with Stripe's cursor paging.</summary>
internal static class EventEndpoints
{
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
        var limit = p.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeErrors.IntegerOutOfRange("limit", limit < 1
                ? "This value must be greater than or equal to 1."
                : "This value must be less than or equal to 100.");
        }

        var startingAfter = p.NonEmptyString("starting_after");
        var endingBefore = p.NonEmptyString("ending_before");
        var types = p.List("types").ToList();
        if (p.NonEmptyString("type") is { } type)
        {
            types.Add(type);
        }

        var newestFirst = ledger.Events
            .Where(record => types.Count == 0 || types.Any(pattern => Matches(pattern, record.Type)))
            .OrderByDescending(record => record.Sequence)
            .ToList();

        List<EventRecord> page;
        bool hasMore;
        if (startingAfter is not null)
        {
            var index = IndexOf(ledger, newestFirst, startingAfter, "starting_after");
            var rest = newestFirst.Skip(index + 1).ToList();
            page = [.. rest.Take((int)limit)];
            hasMore = rest.Count > limit;
        }
        else if (endingBefore is not null)
        {
            var index = IndexOf(ledger, newestFirst, endingBefore, "ending_before");
            var start = (int)Math.Max(0, index - limit);
            page = newestFirst.GetRange(start, index - start);
            hasMore = start > 0;
        }
        else
        {
            page = [.. newestFirst.Take((int)limit)];
            hasMore = newestFirst.Count > limit;
        }

        return ListJson.Render(page.Select(EventJson.Render), hasMore, "/v1/events");
    }

    private static int IndexOf(SandboxLedger ledger, List<EventRecord> events, string id, string param)
    {
        var index = events.FindIndex(record => record.Id == id);
        if (index < 0)
        {
            throw ledger.FindEvent(id) is null
                ? StripeErrors.NoSuch("event", id, param)
                : StripeErrors.InvalidValue(param, $"The event {id} does not match the other filters of this list.");
        }

        return index;
    }

    /// <summary>An event type against a filter, where <c>payment_intent.*</c> matches every PaymentIntent event.</summary>
    private static bool Matches(string pattern, string type) =>
        pattern.EndsWith(".*", StringComparison.Ordinal)
            ? type.StartsWith(pattern[..^1], StringComparison.Ordinal)
            : pattern == type;
}
