using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Wire;

/// <summary>A dispute in Stripe's <c>dispute</c> shape: the fields of Stripe's example object, evidence as text only.</summary>
internal static class DisputeJson
{
    public static JsonObject Render(DisputeRecord dispute) => new()
    {
        ["id"] = dispute.Id,
        ["object"] = "dispute",
        ["amount"] = dispute.Amount,
        ["balance_transactions"] = new JsonArray(),
        ["charge"] = dispute.ChargeId,
        ["created"] = dispute.Created,
        ["currency"] = dispute.Currency.Code,
        ["evidence"] = new JsonObject
        {
            ["product_description"] = null,
            ["uncategorized_text"] = dispute.UncategorizedText,
        },
        ["evidence_details"] = new JsonObject
        {
            ["due_by"] = dispute.DueBy,
            ["has_evidence"] = dispute.UncategorizedText is not null,
            ["past_due"] = false,
            ["submission_count"] = dispute.SubmissionCount,
        },
        ["is_charge_refundable"] = dispute.Status == "won",
        ["livemode"] = false,
        ["metadata"] = new JsonObject(),
        ["payment_intent"] = dispute.PaymentIntentId,
        ["payment_method_details"] = new JsonObject
        {
            ["card"] = new JsonObject { ["brand"] = "visa", ["case_type"] = "chargeback", ["network_reason_code"] = "10.4" },
            ["type"] = "card",
        },
        ["reason"] = dispute.Reason,
        ["status"] = dispute.Status,
    };
}
