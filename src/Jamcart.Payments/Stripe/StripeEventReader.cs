using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe.Wire;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// Reads a verified event body into a <see cref="WebhookEvent"/>: with the adapter's declared wire types
/// (<see cref="StripeJsonContext"/>) first, and when those do not fit (an endpoint still on an older API version, whose
/// objects have another shape), by reading only the fields Jamcart needs one by one.
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
        try
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
        catch (InvalidOperationException)
        {
            // A string escaping half a surrogate pair (\ud800 alone) parses, and throws only when it is read: no event
            // Stripe sends holds one.
            outcome = Outcome.Malformed;
            return null;
        }
    }

    /// <summary>The Jamcart kind of a Stripe event type.</summary>
    public static WebhookEventKind KindOf(string? type) => type switch
    {
        "payment_intent.succeeded" => WebhookEventKind.PaymentSucceeded,
        "payment_intent.payment_failed" => WebhookEventKind.PaymentFailed,
        "payment_intent.canceled" => WebhookEventKind.PaymentCanceled,
        "charge.refunded" => WebhookEventKind.PaymentRefunded,

        // Sent for every refund, wherever it was made: the only word of a refund made in the dashboard.
        "refund.created" => WebhookEventKind.RefundCreated,

        // Sent whenever a refund changes: it went through, or failed after it was made. Stripe sends charge.refund.updated
        // for selected payment methods only, and the refund.* events for every refund (since 2024-10-28.acacia), so an
        // endpoint may have either; the same change reported by both is applied once, read again from the provider.
        "charge.refund.updated" or "refund.updated" or "refund.failed" => WebhookEventKind.RefundUpdated,

        // A chargeback, what became of it meanwhile (the shop's answer under review), and its outcome.
        "charge.dispute.created" or "charge.dispute.updated" => WebhookEventKind.PaymentDisputed,
        "charge.dispute.closed" => WebhookEventKind.DisputeClosed,
        _ => WebhookEventKind.Other,
    };

    private static WebhookEvent? TryReadTyped(string json)
    {
        // The API version is never checked: an endpoint pinned to an older version is normal, and refusing its events
        // would only make Stripe retry them for days. Shapes that do not fit fall through to the lenient read.
        var stripeEvent = Deserialize(json, StripeJsonContext.Default.EventObject);
        if (stripeEvent is not { Id: { } id, Type: { } type, Created: { } created })
        {
            return null;
        }

        var kind = KindOf(type);
        ProviderPayment? payment = null;
        ProviderRefund? refund = null;
        ProviderDispute? dispute = null;
        if (kind is WebhookEventKind.RefundCreated or WebhookEventKind.RefundUpdated)
        {
            if (stripeEvent.Data?.Object is not { ValueKind: JsonValueKind.Object } refundObject || ReadRefund(refundObject) is not { } read)
            {
                return null;
            }

            (payment, refund) = read;
        }
        else if (kind is WebhookEventKind.PaymentDisputed or WebhookEventKind.DisputeClosed)
        {
            if (stripeEvent.Data?.Object is not { ValueKind: JsonValueKind.Object } disputeObject || ReadDispute(disputeObject) is not { } read)
            {
                return null;
            }

            (payment, dispute) = read;
        }
        else if (kind != WebhookEventKind.Other)
        {
            payment = stripeEvent.Data?.Object is { ValueKind: JsonValueKind.Object } dataObject ? TypedPayment(kind, dataObject) : null;
            if (payment is null)
            {
                return null;
            }
        }

        return new WebhookEvent(id, type, kind, payment, DateTimeOffset.FromUnixTimeSeconds(created))
        {
            ApiVersion = stripeEvent.ApiVersion,
            LiveMode = stripeEvent.Livemode,
            Refund = refund,
            Dispute = dispute,
        };
    }

    private static ProviderPayment? TypedPayment(WebhookEventKind kind, JsonElement dataObject)
    {
        if (kind == WebhookEventKind.PaymentRefunded)
        {
            return Deserialize(dataObject, StripeJsonContext.Default.ChargeObject) is { Object: "charge" } charge
                && IdOf(charge.PaymentIntent) is { } intentId
                && StripeAmounts.TryFromStripe(charge.Amount, charge.Currency, out var amount)
                && StripeAmounts.TryFromStripe(charge.AmountRefunded, charge.Currency, out var refunded)
                    ? StripePaymentMapping.FromRefundedCharge(intentId, amount, charge.Metadata?.GetValueOrDefault(StripePaymentMapping.OrderIdKey), refunded.Minor)
                    : null;
        }

        return Deserialize(dataObject, StripeJsonContext.Default.PaymentIntentObject) is { Object: "payment_intent", Id: not null } intent
            && StripeAmounts.TryFromStripe(intent.Amount, intent.Currency, out _)
            ? StripePaymentMapping.FromIntent(intent, includeClientSecret: false)
            : null;
    }

    /// <summary>The id of a field that holds an id, or the object itself when expanded.</summary>
    private static string? IdOf(JsonElement? expandable) => expandable switch
    {
        { ValueKind: JsonValueKind.String } id => id.GetString(),
        { ValueKind: JsonValueKind.Object } expanded => String(expanded, "id"),
        _ => null,
    };

    private static T? Deserialize<T>(string json, JsonTypeInfo<T> type)
    {
        try
        {
            return JsonSerializer.Deserialize(json, type);
        }
        catch (JsonException)
        {
            return default;
        }
    }

    private static T? Deserialize<T>(JsonElement element, JsonTypeInfo<T> type)
    {
        try
        {
            return element.Deserialize(type);
        }
        catch (JsonException)
        {
            return default;
        }
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
            ProviderRefund? refund = null;
            ProviderDispute? dispute = null;
            if (kind != WebhookEventKind.Other
                && root.TryGetProperty("data", out var data)
                && data.ValueKind == JsonValueKind.Object
                && data.TryGetProperty("object", out var dataObject)
                && dataObject.ValueKind == JsonValueKind.Object)
            {
                switch (kind)
                {
                    case WebhookEventKind.PaymentRefunded:
                        payment = LenientRefundedCharge(dataObject);
                        break;
                    case WebhookEventKind.RefundCreated or WebhookEventKind.RefundUpdated:
                        (payment, refund) = ReadRefund(dataObject) ?? default;
                        break;
                    case WebhookEventKind.PaymentDisputed or WebhookEventKind.DisputeClosed:
                        (payment, dispute) = ReadDispute(dataObject) ?? default;
                        break;
                    default:
                        payment = LenientIntent(dataObject);
                        break;
                }
            }

            // A payment event whose object cannot be read as a payment is still a genuine, signed event: it is
            // acknowledged as Other rather than refused, and reconciliation finds the payment from the provider.
            return new WebhookEvent(id, type, payment is null ? WebhookEventKind.Other : kind, payment, DateTimeOffset.FromUnixTimeSeconds(created))
            {
                ApiVersion = String(root, "api_version"),
                LiveMode = root.TryGetProperty("livemode", out var livemode) && livemode.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? livemode.GetBoolean()
                    : null,
                Refund = refund,
                Dispute = dispute,
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
        var intentId = PaymentIntentIdOf(charge);
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

    /// <summary>
    /// Reads a refund object with the payment it refunded, or null when it is not one. The payment only names the
    /// PaymentIntent: how much of it is still refunded is asked of the provider.
    /// </summary>
    private static (ProviderPayment Payment, ProviderRefund Refund)? ReadRefund(JsonElement refund)
    {
        if (ReadAboutPayment(refund, "refund") is not { } read)
        {
            return null;
        }

        var created = DateTimeOffset.FromUnixTimeSeconds(Int64(refund, "created") ?? 0);
        var made = new ProviderRefund(read.Id, read.IntentId, read.Amount.Minor, read.Amount.Currency.Code, read.Status, created)
        {
            FailureReason = String(refund, "failure_reason"),
            RequestKey = MetadataOf(refund, StripePaymentMapping.RefundKeyKey),
        };
        return (StripePaymentMapping.FromRefundedCharge(read.IntentId, read.Amount, OrderIdOf(refund), 0), made);
    }

    /// <summary>
    /// Reads a dispute object with the payment it disputes, or null when it is not one. As with refunds, the payment
    /// only names the PaymentIntent (its amount is the dispute's).
    /// </summary>
    private static (ProviderPayment Payment, ProviderDispute Dispute)? ReadDispute(JsonElement dispute)
    {
        if (ReadAboutPayment(dispute, "dispute") is not { } read)
        {
            return null;
        }

        var dueBy = dispute.TryGetProperty("evidence_details", out var evidence) && evidence.ValueKind == JsonValueKind.Object && Int64(evidence, "due_by") is { } due
            ? DateTimeOffset.FromUnixTimeSeconds(due)
            : (DateTimeOffset?)null;
        var opened = new ProviderDispute(read.Id, read.IntentId, read.Amount.Minor, read.Amount.Currency.Code, String(dispute, "reason") ?? "general", read.Status, dueBy);
        return (StripePaymentMapping.FromRefundedCharge(read.IntentId, read.Amount, null, 0), opened);
    }

    /// <summary>What a refund and a dispute have alike: an id, a status, the PaymentIntent and an amount; null when <paramref name="stripeObject"/> is not such a <paramref name="kind"/>.</summary>
    private static (string Id, string Status, string IntentId, Money Amount)? ReadAboutPayment(JsonElement stripeObject, string kind) =>
        String(stripeObject, "object") == kind
        && String(stripeObject, "id") is { } id
        && String(stripeObject, "status") is { } status
        && PaymentIntentIdOf(stripeObject) is { } intentId
        && Int64(stripeObject, "amount") is { } stripeAmount
        && StripeAmounts.TryFromStripe(stripeAmount, String(stripeObject, "currency"), out var amount)
            ? (id, status, intentId, amount)
            : null;

    /// <summary>The PaymentIntent a charge or refund belongs to: expanded or not, depending on the version and the endpoint.</summary>
    private static string? PaymentIntentIdOf(JsonElement stripeObject) =>
        IdOf(stripeObject.TryGetProperty("payment_intent", out var intent) ? intent : null);

    private static string? OrderIdOf(JsonElement stripeObject) => MetadataOf(stripeObject, StripePaymentMapping.OrderIdKey);

    private static string? MetadataOf(JsonElement stripeObject, string key) =>
        stripeObject.TryGetProperty("metadata", out var metadata) && metadata.ValueKind == JsonValueKind.Object
            ? String(metadata, key)
            : null;

    private static string? String(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static long? Int64(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number)
            ? number
            : null;
}
