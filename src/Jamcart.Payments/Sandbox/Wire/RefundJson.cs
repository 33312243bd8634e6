using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>A refund in Stripe's <c>refund</c> shape: every field of Stripe's example object.</summary>
internal static class RefundJson
{
    public static JsonObject Render(RefundRecord refund, SandboxLedger ledger, Expansions? expand = null)
    {
        expand ??= Expansions.None;
        var charge = ledger.FindCharge(refund.ChargeId);
        var json = new JsonObject
        {
            ["id"] = refund.Id,
            ["object"] = "refund",
            ["amount"] = refund.Amount,
            ["balance_transaction"] = refund.BalanceTransaction,
            ["charge"] = expand.Has("charge") && charge is not null
                ? ChargeJson.Render(charge, ledger, expand.Under("charge"))
                : refund.ChargeId,
            ["created"] = refund.Created,
            ["currency"] = refund.Currency.Code,
            ["customer"] = null,
            ["customer_account"] = null,
            ["destination_details"] = new JsonObject
            {
                ["card"] = new JsonObject
                {
                    ["reference"] = null,
                    ["reference_status"] = "pending",
                    ["reference_type"] = null,
                    ["type"] = "refund",
                },
                ["type"] = "card",
            },
            ["metadata"] = WireValues.Metadata(refund.Metadata),
            ["payment_intent"] = expand.Has("payment_intent") && ledger.FindIntent(refund.PaymentIntentId) is { } intent
                ? PaymentIntentJson.Render(intent, ledger)
                : refund.PaymentIntentId,
            ["payment_method"] = charge?.PaymentMethod.Id,
            ["reason"] = refund.Reason,
            ["receipt_number"] = null,
            ["source_transfer_reversal"] = null,
            ["status"] = refund.Status,
            ["transfer_reversal"] = null,
        };
        if (refund.FailureReason is { } reason)
        {
            // Only a failed refund has it, as Stripe sends it.
            json["failure_reason"] = reason;
        }

        return json;
    }
}
