using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Rules;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary><c>POST /v1/refunds</c>: give back all that is left of a succeeded charge, or part of it.</summary>
internal static class CreateRefund
{
    public static IReadOnlyList<string> Reasons { get; } = ["duplicate", "fraudulent", "requested_by_customer"];

    public sealed record Request
    {
        public string? PaymentIntent { get; init; }

        public string? Charge { get; init; }

        /// <summary>Null refunds what is left.</summary>
        public long? Amount { get; init; }

        public string? Reason { get; init; }

        public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
    }

    /// <exception cref="SandboxApiException">Unknown payment, nothing to refund, or more than what is left.</exception>
    public static RefundRecord Execute(SandboxLedger ledger, Request request, RequestContext context)
    {
        var charge = ChargeOf(ledger, request);
        if (charge.DisputeId is { } disputeId && ledger.FindDispute(disputeId) is { Status: not "won" })
        {
            // As Stripe: a charge with a chargeback is not refundable (is_charge_refundable false) until the dispute
            // is won; if it is lost, the bank already gave the money back.
            throw new SandboxApiException(400, StripeErrors.InvalidRequest, $"Charge {charge.Id} has been charged back; it cannot be refunded.")
            {
                Code = "charge_disputed",
            };
        }

        var remaining = charge.AmountCaptured - charge.AmountRefunded;
        if (remaining <= 0)
        {
            throw new SandboxApiException(400, StripeErrors.InvalidRequest, $"Charge {charge.Id} has already been refunded.")
            {
                Code = "charge_already_refunded",
            };
        }

        var amount = request.Amount ?? remaining;
        AmountRules.EnsureRefundable(amount, charge.Currency);
        if (amount > remaining)
        {
            throw new SandboxApiException(
                400,
                StripeErrors.InvalidRequest,
                $"Refund amount ({AmountRules.Format(amount, charge.Currency)}) is greater than unrefunded amount on charge ({AmountRules.Format(remaining, charge.Currency)})")
            {
                Code = "amount_too_large",
                Param = "amount",
            };
        }

        var refund = new RefundRecord
        {
            Id = SandboxIds.New("re"),
            Created = ledger.Now,
            Amount = amount,
            Currency = charge.Currency,
            ChargeId = charge.Id,
            PaymentIntentId = charge.PaymentIntentId,
            BalanceTransaction = SandboxIds.New("txn"),
            Reason = request.Reason,
            Metadata = new Dictionary<string, string>(request.Metadata, StringComparer.Ordinal),
        };
        ledger.Add(refund);
        charge.AmountRefunded += amount;
        charge.RefundIds.Add(refund.Id);

        ledger.Raise("refund.created", RefundJson.Render(refund, ledger), context);
        ledger.Raise("charge.refunded", ChargeJson.Render(charge, ledger), context);
        if (charge.PaymentMethod.Behavior.RefundsFail)
        {
            var apiVersion = context.ApiVersion;
            ledger.Schedule(FailureDelay, () => Fail(ledger, refund, charge, apiVersion));
        }

        return refund;
    }

    /// <summary>How long after it was made a refund of a <c>pm_card_refundFail</c> charge fails.</summary>
    public static TimeSpan FailureDelay { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The bank turned the refund down: the money stays with the shop, and Stripe tells it so.</summary>
    private static void Fail(SandboxLedger ledger, RefundRecord refund, ChargeRecord charge, string apiVersion)
    {
        refund.Status = "failed";
        refund.FailureReason = "expired_or_canceled_card";
        charge.AmountRefunded -= refund.Amount;
        var context = new RequestContext(null, null, apiVersion);
        ledger.Raise("charge.refund.updated", RefundJson.Render(refund, ledger), context);
        ledger.Raise("refund.updated", RefundJson.Render(refund, ledger), context);
        ledger.Raise("refund.failed", RefundJson.Render(refund, ledger), context);
    }

    private static ChargeRecord ChargeOf(SandboxLedger ledger, Request request)
    {
        if (request.PaymentIntent is { } piId)
        {
            var pi = ledger.FindIntent(piId) ?? throw StripeErrors.NoSuch("payment_intent", piId, "payment_intent");
            if (pi.Status != PaymentIntentStatus.Succeeded
                || pi.LatestChargeId is not { } latest
                || ledger.FindCharge(latest) is not { Succeeded: true } succeeded)
            {
                throw StripeErrors.UnexpectedState("This PaymentIntent does not have a successful charge to refund.");
            }

            if (request.Charge is { } chargeId && chargeId != succeeded.Id)
            {
                throw StripeErrors.InvalidValue("charge", $"The charge {chargeId} does not belong to PaymentIntent {piId}.");
            }

            return succeeded;
        }

        var id = request.Charge!;
        var charge = ledger.FindCharge(id) ?? throw StripeErrors.NoSuch("charge", id, "charge");
        if (!charge.Succeeded)
        {
            throw new SandboxApiException(400, StripeErrors.InvalidRequest, $"Charge {id} has not succeeded, so there is nothing to refund.")
            {
                Code = "charge_not_refundable",
            };
        }

        return charge;
    }
}
