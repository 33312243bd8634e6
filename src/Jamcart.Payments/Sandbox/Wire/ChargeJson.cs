using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>A charge in Stripe's <c>charge</c> shape: every field of Stripe's example object.</summary>
internal static class ChargeJson
{
    public static JsonObject Render(ChargeRecord charge, SandboxLedger ledger, Expansions? expand = null)
    {
        expand ??= Expansions.None;
        var pm = charge.PaymentMethod;
        var declineCode = charge.Outcome.DeclineCode ?? charge.Outcome.Code;
        return new JsonObject
        {
            ["id"] = charge.Id,
            ["object"] = "charge",
            ["amount"] = charge.Amount,
            ["amount_captured"] = charge.AmountCaptured,
            ["amount_refunded"] = charge.AmountRefunded,
            ["application"] = null,
            ["application_fee"] = null,
            ["application_fee_amount"] = null,
            ["balance_transaction"] = charge.BalanceTransaction,
            ["billing_details"] = PaymentMethodJson.BillingDetails(pm.Billing),
            ["calculated_statement_descriptor"] = "JAMCART SANDBOX",
            ["captured"] = charge.Succeeded,
            ["created"] = charge.Created,
            ["currency"] = charge.Currency.Code,
            ["customer"] = null,
            ["description"] = charge.Description,
            ["disputed"] = charge.DisputeId is not null,
            ["failure_balance_transaction"] = null,
            ["failure_code"] = charge.Outcome.Code,
            ["failure_message"] = charge.Outcome.Message,
            ["fraud_details"] = new JsonObject(),
            ["livemode"] = false,
            ["metadata"] = WireValues.Metadata(charge.Metadata),
            ["on_behalf_of"] = null,
            ["outcome"] = new JsonObject
            {
                ["advice_code"] = null,
                ["network_advice_code"] = null,
                ["network_decline_code"] = null,
                ["network_status"] = charge.Succeeded ? "approved_by_network" : "declined_by_network",
                ["reason"] = charge.Succeeded ? null : declineCode,
                ["risk_level"] = "normal",
                ["risk_score"] = 20,
                ["seller_message"] = charge.Succeeded
                    ? "Payment complete."
                    : "The bank did not return any further details with this decline.",
                ["type"] = charge.Succeeded ? "authorized" : "issuer_declined",
            },
            ["paid"] = charge.Succeeded,
            ["payment_intent"] = expand.Has("payment_intent") && ledger.FindIntent(charge.PaymentIntentId) is { } intent
                ? PaymentIntentJson.Render(intent, ledger)
                : charge.PaymentIntentId,
            ["payment_method"] = pm.Id,
            ["payment_method_details"] = new JsonObject
            {
                ["card"] = CardDetails(charge),
                ["type"] = "card",
            },
            ["receipt_email"] = charge.ReceiptEmail,
            ["receipt_number"] = null,
            ["receipt_url"] = null,
            ["refunded"] = charge.Succeeded && charge.AmountRefunded >= charge.AmountCaptured,
            ["refunds"] = new JsonObject
            {
                ["object"] = "list",
                ["data"] = new JsonArray([.. charge.RefundIds
                    .Select(ledger.FindRefund)
                    .OfType<RefundRecord>()
                    .OrderByDescending(refund => refund.Created)
                    .Select(refund => (JsonNode)RefundJson.Render(refund, ledger))]),
                ["has_more"] = false,
                ["url"] = $"/v1/charges/{charge.Id}/refunds",
            },
            ["review"] = null,
            ["shipping"] = null,
            ["source"] = null,
            ["source_transfer"] = null,
            ["statement_descriptor"] = null,
            ["statement_descriptor_suffix"] = null,
            ["status"] = charge.Succeeded ? "succeeded" : "failed",
            ["transfer_data"] = null,
            ["transfer_group"] = null,
        };
    }

    private static JsonObject CardDetails(ChargeRecord charge)
    {
        var pm = charge.PaymentMethod;
        return new JsonObject
        {
            ["amount_authorized"] = charge.Succeeded ? charge.Amount : null,
            ["authorization_code"] = charge.AuthorizationCode,
            ["brand"] = pm.Brand,
            ["checks"] = new JsonObject
            {
                ["address_line1_check"] = null,
                ["address_postal_code_check"] = null,
                ["cvc_check"] = charge.Outcome.Code == "incorrect_cvc" ? "fail" : "pass",
            },
            ["country"] = "US",
            ["exp_month"] = pm.ExpMonth,
            ["exp_year"] = pm.ExpYear,
            ["extended_authorization"] = new JsonObject { ["status"] = "disabled" },
            ["fingerprint"] = pm.Fingerprint,
            ["funding"] = pm.Funding,
            ["incremental_authorization"] = new JsonObject { ["status"] = "unavailable" },
            ["installments"] = null,
            ["last4"] = pm.Last4,
            ["mandate"] = null,
            ["multicapture"] = new JsonObject { ["status"] = "unavailable" },
            ["network"] = pm.Brand,
            ["network_token"] = new JsonObject { ["used"] = false },
            ["network_transaction_id"] = charge.NetworkTransactionId,
            ["overcapture"] = new JsonObject
            {
                ["maximum_amount_capturable"] = charge.Amount,
                ["status"] = "unavailable",
            },
            ["regulated_status"] = "unregulated",
            ["three_d_secure"] = charge.ThreeDSecureTransactionId is { } transactionId
                ? new JsonObject
                {
                    ["authentication_flow"] = "challenge",
                    ["electronic_commerce_indicator"] = "05",
                    ["exemption_indicator"] = null,
                    ["result"] = "authenticated",
                    ["result_reason"] = null,
                    ["transaction_id"] = transactionId,
                    ["version"] = "2.2.0",
                }
                : null,
            ["transaction_link_id"] = null,
            ["wallet"] = null,
        };
    }
}
