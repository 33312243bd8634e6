using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Rules;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary>
/// Charging a PaymentIntent's card, the step confirming and 3-D Secure share: ask for authentication when the card
/// needs it, otherwise make a charge with the card's outcome and move the PaymentIntent, raising Stripe's events.
/// </summary>
internal static class Charging
{
    private static readonly CardOutcome AuthenticationRequired = new(
        "authentication_required",
        "authentication_required",
        "Your card was declined. This transaction requires authentication.");

    /// <summary>Charges (or challenges) the card; returns the error when it was declined, null otherwise.</summary>
    /// <param name="authenticated">The buyer has just passed 3-D Secure for this charge.</param>
    public static PaymentErrorRecord? Attempt(
        SandboxLedger ledger,
        PaymentIntentRecord pi,
        PaymentMethodRecord pm,
        RequestContext request,
        bool authenticated,
        string? returnUrl = null)
    {
        pi.PaymentMethod = pm;
        pi.ApiVersion = request.ApiVersion;
        pi.LastPaymentError = null;

        var outcome = pm.Behavior.Outcome;
        if (pm.Behavior.RequiresAuthentication && !authenticated)
        {
            if (!pi.OffSession)
            {
                pi.Status = PaymentIntentStatus.RequiresAction;
                pi.Challenge = new ThreeDSecureChallenge(SandboxIds.Random(32), returnUrl);
                ledger.Raise("payment_intent.requires_action", PaymentIntentJson.Render(pi, ledger), request);
                return null;
            }

            // Off-session there is no buyer to ask, so Stripe declines instead of challenging.
            outcome = AuthenticationRequired;
        }

        var charge = new ChargeRecord
        {
            Id = SandboxIds.New("ch"),
            Created = ledger.Now,
            Amount = pi.Amount,
            Currency = pi.Currency,
            PaymentIntentId = pi.Id,
            PaymentMethod = pm,
            Outcome = outcome,
            BalanceTransaction = outcome.IsApproved ? SandboxIds.New("txn") : null,
            Description = pi.Description,
            ReceiptEmail = pi.ReceiptEmail,
            Metadata = new Dictionary<string, string>(pi.Metadata, StringComparer.Ordinal),
            ThreeDSecureTransactionId = authenticated ? Guid.NewGuid().ToString() : null,
            AuthorizationCode = outcome.IsApproved ? SandboxIds.Random(6).ToUpperInvariant() : null,
            NetworkTransactionId = outcome.IsApproved ? SandboxIds.Random(15) : null,
        };
        ledger.Add(charge);
        pi.LatestChargeId = charge.Id;
        pi.Challenge = null;

        if (outcome.IsApproved)
        {
            pi.Status = PaymentIntentStatus.Succeeded;
            pi.AmountReceived = pi.Amount;
            ledger.Raise("charge.succeeded", ChargeJson.Render(charge, ledger), request);
            ledger.Raise("payment_intent.succeeded", PaymentIntentJson.Render(pi, ledger), request);
            if (pm.Behavior.Disputed)
            {
                Disputes.Open(ledger, charge, request);
            }

            return null;
        }

        // A declined PaymentIntent drops its card and waits for another, with the decline kept in last_payment_error.
        pi.Status = PaymentIntentStatus.RequiresPaymentMethod;
        pi.PaymentMethod = null;
        pi.LastPaymentError = new PaymentErrorRecord("card_error", outcome.Code!, outcome.DeclineCode, outcome.Message!)
        {
            Param = outcome.Param,
            ChargeId = charge.Id,
            PaymentMethod = pm,
        };
        ledger.Raise("charge.failed", ChargeJson.Render(charge, ledger), request);
        ledger.Raise("payment_intent.payment_failed", PaymentIntentJson.Render(pi, ledger), request);
        return pi.LastPaymentError;
    }

    /// <summary>The PaymentMethod a request names: one made earlier, or a fresh one for a test id like <c>pm_card_visa</c>.</summary>
    /// <exception cref="Api.SandboxApiException">No such PaymentMethod (404).</exception>
    public static PaymentMethodRecord ResolvePaymentMethod(SandboxLedger ledger, string id)
    {
        if (ledger.FindPaymentMethod(id) is { } existing)
        {
            return existing;
        }

        if (TestCards.TryGetByPaymentMethod(id, out var card))
        {
            return ledger.PaymentMethodFor(card);
        }

        throw Api.StripeErrors.NoSuch("PaymentMethod", id, "payment_method");
    }

    /// <summary>The 402 a declined confirmation answers with: Stripe's card error, naming the PaymentIntent and card.</summary>
    public static Api.SandboxApiException Declined(PaymentIntentRecord pi, PaymentErrorRecord error) =>
        new(402, error.Type, error.Message)
        {
            Code = error.Code,
            DeclineCode = error.DeclineCode,
            Param = error.Param,
            ChargeId = error.ChargeId,
            PaymentIntent = pi,
            PaymentMethod = error.PaymentMethod,
        };
}
