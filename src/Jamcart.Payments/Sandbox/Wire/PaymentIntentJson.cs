using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>A PaymentIntent in Stripe's <c>payment_intent</c> shape: every field of Stripe's example object, in its order.</summary>
internal static class PaymentIntentJson
{
    // What Stripe returns to a publishable key (docs.stripe.com/api/payment_intents/object: "retrievable with publishable key").
    private static readonly HashSet<string> ClientFields = new(
    [
        "id", "object", "amount", "amount_details", "automatic_payment_methods", "canceled_at", "cancellation_reason",
        "capture_method", "client_secret", "confirmation_method", "created", "currency", "description",
        "excluded_payment_method_types", "last_payment_error", "livemode", "next_action", "payment_method",
        "payment_method_configuration_details", "payment_method_types", "processing", "receipt_email",
        "setup_future_usage", "shipping", "status",
    ], StringComparer.Ordinal);

    public static JsonObject Render(PaymentIntentRecord pi, SandboxLedger ledger, WireView view = WireView.Server, Expansions? expand = null)
    {
        expand ??= Expansions.None;
        var json = new JsonObject
        {
            ["id"] = pi.Id,
            ["object"] = "payment_intent",
            ["amount"] = pi.Amount,
            ["amount_capturable"] = 0,
            ["amount_details"] = new JsonObject { ["tip"] = new JsonObject() },
            ["amount_received"] = pi.AmountReceived,
            ["application"] = null,
            ["application_fee_amount"] = null,
            ["automatic_payment_methods"] = pi.AutomaticPaymentMethods
                ? new JsonObject { ["allow_redirects"] = "always", ["enabled"] = true }
                : null,
            ["canceled_at"] = pi.CanceledAt,
            ["cancellation_reason"] = pi.CancellationReason,
            ["capture_method"] = pi.CaptureMethod,
            ["client_secret"] = pi.ClientSecret,
            ["confirmation_method"] = pi.ConfirmationMethod,
            ["created"] = pi.Created,
            ["currency"] = pi.Currency.Code,
            ["customer"] = null,
            ["customer_account"] = null,
            ["description"] = pi.Description,
            ["excluded_payment_method_types"] = null,
            ["last_payment_error"] = pi.LastPaymentError is { } error ? PaymentErrorJson.Render(error) : null,
            ["latest_charge"] = LatestCharge(pi, ledger, expand),
            ["livemode"] = false,
            ["managed_payments"] = new JsonObject { ["enabled"] = false },
            ["metadata"] = WireValues.Metadata(pi.Metadata),
            ["next_action"] = NextAction(pi, ledger),
            ["on_behalf_of"] = null,
            ["payment_method"] = pi.PaymentMethod is not { } pm
                ? null
                : expand.Has("payment_method") ? PaymentMethodJson.Render(pm) : pm.Id,
            ["payment_method_configuration_details"] = null,
            ["payment_method_options"] = new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["installments"] = null,
                    ["mandate_options"] = null,
                    ["network"] = null,
                    ["request_three_d_secure"] = "automatic",
                },
            },
            ["payment_method_types"] = WireValues.Strings(pi.PaymentMethodTypes),
            ["processing"] = null,
            ["receipt_email"] = pi.ReceiptEmail,
            ["review"] = null,
            ["setup_future_usage"] = pi.SetupFutureUsage,
            ["shipping"] = null,
            ["source"] = null,
            ["statement_descriptor"] = pi.StatementDescriptor,
            ["statement_descriptor_suffix"] = pi.StatementDescriptorSuffix,
            ["status"] = pi.Status,
            ["transfer_data"] = null,
            ["transfer_group"] = null,
        };

        if (view == WireView.Client)
        {
            foreach (var name in json.Select(property => property.Key).Where(name => !ClientFields.Contains(name)).ToList())
            {
                json.Remove(name);
            }
        }

        return json;
    }

    private static JsonNode? LatestCharge(PaymentIntentRecord pi, SandboxLedger ledger, Expansions expand)
    {
        if (pi.LatestChargeId is not { } chargeId)
        {
            return null;
        }

        return expand.Has("latest_charge") && ledger.FindCharge(chargeId) is { } charge
            ? ChargeJson.Render(charge, ledger, expand.Under("latest_charge"))
            : chargeId;
    }

    private static JsonObject? NextAction(PaymentIntentRecord pi, SandboxLedger ledger)
    {
        if (pi.Status != PaymentIntentStatus.RequiresAction || pi.Challenge is not { } challenge)
        {
            return null;
        }

        return new JsonObject
        {
            ["redirect_to_url"] = new JsonObject
            {
                ["return_url"] = challenge.ReturnUrl,
                ["url"] = ThreeDSecureUrl(ledger.BaseUrl, pi.Id, challenge.Token),
            },
            ["type"] = "redirect_to_url",
        };
    }

    /// <summary>The challenge page's address: the sandbox's own, with the one-use token as the only credential.</summary>
    public static string ThreeDSecureUrl(Uri baseUrl, string paymentIntentId, string token) =>
        new Uri(baseUrl, $"3ds/{Uri.EscapeDataString(paymentIntentId)}?token={Uri.EscapeDataString(token)}").AbsoluteUri;
}
