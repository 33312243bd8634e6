using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>Stripe's paging of a list endpoint: <c>limit</c> (1–100, 10 by default), <c>starting_after</c>, <c>ending_before</c>.</summary>
/// <param name="kind">The object's name in Stripe's errors (<c>event</c>, <c>refund</c>).</param>
/// <param name="url">The list's own path, which its answer names.</param>
internal sealed class ListPaging(string kind, string url)
{
    /// <summary>The page size asked for; read before the filters, as Stripe refuses a bad one first.</summary>
    public static long Limit(FormParameters p)
    {
        var limit = p.Long("limit") ?? 10;
        if (limit is < 1 or > 100)
        {
            throw StripeErrors.IntegerOutOfRange("limit", limit < 1
                ? "This value must be greater than or equal to 1."
                : "This value must be less than or equal to 100.");
        }

        return limit;
    }

    /// <summary>
    /// The page of <paramref name="newestFirst"/> (already filtered) that the cursors ask for. A cursor the ledger does
    /// not know is a missing resource; one it knows that the filters left out is an invalid value.
    /// </summary>
    public JsonObject Render<T>(
        List<T> newestFirst, long limit, FormParameters p, Func<T, string> idOf, Func<string, bool> exists, Func<T, JsonObject> render)
    {
        List<T> page;
        bool hasMore;
        if (p.NonEmptyString("starting_after") is { } startingAfter)
        {
            var rest = newestFirst.Skip(IndexOf(newestFirst, startingAfter, "starting_after", idOf, exists) + 1).ToList();
            page = [.. rest.Take((int)limit)];
            hasMore = rest.Count > limit;
        }
        else if (p.NonEmptyString("ending_before") is { } endingBefore)
        {
            var index = IndexOf(newestFirst, endingBefore, "ending_before", idOf, exists);
            var start = (int)Math.Max(0, index - limit);
            page = newestFirst.GetRange(start, index - start);
            hasMore = start > 0;
        }
        else
        {
            page = [.. newestFirst.Take((int)limit)];
            hasMore = newestFirst.Count > limit;
        }

        return ListJson.Render(page.Select(render), hasMore, url);
    }

    private int IndexOf<T>(List<T> items, string id, string param, Func<T, string> idOf, Func<string, bool> exists)
    {
        var index = items.FindIndex(item => idOf(item) == id);
        if (index < 0)
        {
            throw exists(id)
                ? StripeErrors.InvalidValue(param, $"The {kind} {id} does not match the other filters of this list.")
                : StripeErrors.NoSuch(kind, id, param);
        }

        return index;
    }
}
