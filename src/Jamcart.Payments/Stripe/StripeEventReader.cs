using System.Text.Json;

using Jamcart.Checkout.Payments;

using Stripe;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// Reads a verified event body into a <see cref="WebhookEvent"/>: with Stripe.net's types first, and when those do not
/// fit (an endpoint still on an older API version, whose objects have another shape), by reading only the fields
/// Jamcart needs with System.Text.Json.
/// </summary>
internal static class StripeEventReader
{
    /// <summary>How an event body was read.</summary>
    public enum Outcome
    {
        Typed,
        Lenient,
        Malformed,
    }

    /// <summary>The event, or null when the body is not a Stripe event at all.</summary>
    public static WebhookEvent? Read(string json, out Outcome outcome)
    {
        if (TryReadTyped(json) is { } typed)
        {
            outcome = Outcome.Typed;
            return typed;
        }

        var lenient = TryReadLenient(json);
        outcome = lenient is null ? Outcome.Malformed : Outcome.Lenient;
        return lenient;
    }

    /// <summary>The Jamcart kind of a Stripe event type.</summary>
    public static WebhookEventKind KindOf(string? type) => type switch
    {
        "payment_intent.succeeded" => WebhookEventKind.PaymentSucceeded,
        "payment_intent.payment_failed" => WebhookEventKind.PaymentFailed,
        "payment_intent.canceled" => WebhookEventKind.PaymentCanceled,
        "charge.refunded" => WebhookEventKind.PaymentRefunded,
        _ => WebhookEventKind.Other,
    };

    private static WebhookEvent? TryReadTyped(string json)
    {
        Event stripeEvent;
        try
        {
            // Never throw on another API version: an endpoint pinned to an older version is normal, and refusing its
            // events would only make Stripe retry them for days. Shapes that do not fit fall through to the lenient read.
            stripeEvent = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);
        }
        catch (Exception exception) when (exception is JsonException or StripeException or ArgumentException or InvalidOperationException or FormatException or NotSupportedException)
        {
            return null;
        }

        if (stripeEvent?.Id is null || stripeEvent.Type is null)
        {
            return null;
        }

        var kind = KindOf(stripeEvent.Type);
        ProviderPayment? payment = null;
        if (kind != WebhookEventKind.Other)
        {
            payment = TypedPayment(kind, stripeEvent.Data?.Object);
            if (payment is null)
            {
                return null;
            }
        }

        return new WebhookEvent(stripeEvent.Id, stripeEvent.Type, kind, payment, AsUtc(stripeEvent.Created))
        {
            ApiVersion = stripeEvent.ApiVersion,
        };
    }

    private static ProviderPayment? TypedPayment(WebhookEventKind kind, IHasObject? data)
    {
        if (kind == WebhookEventKind.PaymentRefunded)
        {
            return data is Charge { PaymentIntentId: { } intentId } charge
                && StripeAmounts.TryFromStripe(charge.Amount, charge.Currency, out var amount)
                && StripeAmounts.TryFromStripe(charge.AmountRefunded, charge.Currency, out var refunded)
                    ? StripePaymentMapping.FromRefundedCharge(intentId, amount, charge.Metadata?.GetValueOrDefault(StripePaymentMapping.OrderIdKey), refunded.Minor)
                    : null;
        }

        return data is PaymentIntent { Id: not null } intent && StripeAmounts.TryFromStripe(intent.Amount, intent.Currency, out _)
            ? StripePaymentMapping.FromIntent(intent, includeClientSecret: false)
            : null;
    }

    private static WebhookEvent? TryReadLenient(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json);
        }
        catch (JsonException)
        {
            return null;
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object
                || String(root, "id") is not { } id
                || String(root, "type") is not { } type
                || Int64(root, "created") is not { } created)
            {
                return null;
            }

            var kind = KindOf(type);
            ProviderPayment? payment = null;
            if (kind != WebhookEventKind.Other
                && root.TryGetProperty("data", out var data)
                && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var dataObject)
                && dataObject.ValueKind == JsonValueKind.Object)
            {
                payment = kind == WebhookEventKind.PaymentRefunded ? LenientRefundedCharge(dataObject) : LenientIntent(dataObject);
            }

            // A payment event whose object cannot be read as a payment is still a genuine, signed event: it is
            // acknowledged as Other rather than refused, and reconciliation finds the payment from the provider.
            return new WebhookEvent(id, type, payment is null ? WebhookEventKind.Other : kind, payment, DateTimeOffset.FromUnixTimeSeconds(created))
            {
                ApiVersion = String(root, "api_version"),
            };
        }
    }

    private static ProviderPayment? LenientIntent(JsonElement intent)
    {
        if (String(intent, "id") is not { } id
            || Int64(intent, "amount") is not { } stripeAmount
            || !StripeAmounts.TryFromStripe(stripeAmount, String(intent, "currency"), out var amount))
        {
            return null;
        }

        PaymentError? lastError = null;
        if (intent.TryGetProperty("last_payment_error", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            lastError = StripePaymentMapping.ToError(String(error, "type"), String(error, "code"), String(error, "decline_code"), String(error, "message"));
        }

        return StripePaymentMapping.Create(id, String(intent, "status"), amount, OrderIdOf(intent), null, lastError, 0);
    }

    private static ProviderPayment? LenientRefundedCharge(JsonElement charge)
    {
        // Expanded or not, depending on the version and the endpoint: an id, or an object with one.
        var intentId = charge.TryGetProperty("payment_intent", out var intent) && intent.ValueKind == JsonValueKind.Object
            ? String(intent, "id")
            : String(charge, "payment_intent");
        var currency = String(charge, "currency");

        if (intentId is null
            || Int64(charge, "amount") is not { } stripeAmount
            || !StripeAmounts.TryFromStripe(stripeAmount, currency, out var amount)
            || !StripeAmounts.TryFromStripe(Int64(charge, "amount_refunded") ?? 0, currency, out var refunded))
        {
            return null;
        }

        return StripePaymentMapping.FromRefundedCharge(intentId, amount, OrderIdOf(charge), refunded.Minor);
    }

    private static string? OrderIdOf(JsonElement stripeObject) =>
        stripeObject.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? String(metadata, StripePaymentMapping.OrderIdKey)
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Int64(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;

    private static DateTimeOffset AsUtc(DateTime created) =>
        new(DateTime.SpecifyKind(created, DateTimeKind.Utc));
}
