using System.Text.Json;

namespace Jamcart.Payments.Stripe.Wire;

/// <summary>An event's <c>data</c>: the object as it was when the event happened, read by its <c>object</c> field later.</summary>
internal sealed class EventData
{
    public JsonElement? Object { get; init; }
}
