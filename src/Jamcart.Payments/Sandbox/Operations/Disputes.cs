using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary>
/// Chargebacks as Stripe's test mode makes them: <c>pm_card_createDispute</c>'s charge is disputed as fraudulent as
/// soon as it succeeds. Evidence whose text is <c>winning_evidence</c> or <c>losing_evidence</c> decides it, and
/// closing it accepts it (lost), each raising Stripe's events.
/// </summary>
internal static class Disputes
{
    /// <summary>How long the shop has to answer; Stripe gives about three weeks.</summary>
    public static TimeSpan ResponseTime { get; } = TimeSpan.FromDays(21);

    public static void Open(SandboxLedger ledger, ChargeRecord charge, RequestContext request)
    {
        var dispute = new DisputeRecord
        {
            Id = SandboxIds.New("dp"),
            Created = ledger.Now,
            Amount = charge.Amount,
            Currency = charge.Currency,
            ChargeId = charge.Id,
            PaymentIntentId = charge.PaymentIntentId,
            Reason = "fraudulent",
            DueBy = ledger.Now + (long)ResponseTime.TotalSeconds,
        };
        ledger.Add(dispute);
        charge.DisputeId = dispute.Id;
        ledger.Raise("charge.dispute.created", DisputeJson.Render(dispute), request);
    }

    /// <summary>Adds text evidence, and when <paramref name="submit"/>, lets Stripe's test words decide the dispute.</summary>
    public static DisputeRecord Update(SandboxLedger ledger, string id, string? text, bool submit, RequestContext request)
    {
        var dispute = Open(ledger, id);
        dispute.UncategorizedText = text ?? dispute.UncategorizedText;
        if (submit)
        {
            dispute.SubmissionCount++;
            dispute.Status = dispute.UncategorizedText switch
            {
                "winning_evidence" => "won",
                "losing_evidence" => "lost",
                _ => "under_review",
            };
        }

        ledger.Raise("charge.dispute.updated", DisputeJson.Render(dispute), request);
        if (dispute.Status is "won" or "lost")
        {
            ledger.Raise("charge.dispute.closed", DisputeJson.Render(dispute), request);
        }

        return dispute;
    }

    /// <summary>Accepts the dispute: the cardholder keeps the money.</summary>
    public static DisputeRecord Close(SandboxLedger ledger, string id, RequestContext request)
    {
        var dispute = Open(ledger, id);
        dispute.Status = "lost";
        ledger.Raise("charge.dispute.closed", DisputeJson.Render(dispute), request);
        return dispute;
    }

    /// <summary>The dispute, while it can still be answered.</summary>
    private static DisputeRecord Open(SandboxLedger ledger, string id)
    {
        var dispute = ledger.FindDispute(id) ?? throw StripeErrors.NoSuch("dispute", id, "id");
        if (dispute.Status is "won" or "lost")
        {
            throw new SandboxApiException(400, StripeErrors.InvalidRequest, $"This dispute is already closed ({dispute.Status}).")
            {
                Code = "dispute_already_closed",
            };
        }

        return dispute;
    }
}
