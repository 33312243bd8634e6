using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary><c>POST /v1/payment_intents/{id}/cancel</c>: a PaymentIntent that has not succeeded can never be charged again.</summary>
internal static class CancelPaymentIntent
{
    public static IReadOnlyList<string> Reasons { get; } = ["duplicate", "fraudulent", "requested_by_customer", "abandoned"];

    /// <exception cref="SandboxApiException">Already succeeded or canceled (400 payment_intent_unexpected_state).</exception>
    public static PaymentIntentRecord Execute(SandboxLedger ledger, PaymentIntentRecord pi, string? reason, RequestContext context)
    {
        if (pi.Status is PaymentIntentStatus.Succeeded or PaymentIntentStatus.Canceled)
        {
            throw StripeErrors.UnexpectedState(
                $"You cannot cancel this PaymentIntent because it has a status of {pi.Status}. Only a PaymentIntent with one of the following statuses may be canceled: requires_payment_method, requires_capture, requires_confirmation, requires_action, processing.",
                pi);
        }

        pi.Status = PaymentIntentStatus.Canceled;
        pi.CanceledAt = ledger.Now;
        pi.CancellationReason = reason;
        pi.Challenge = null;
        pi.ApiVersion = context.ApiVersion;
        ledger.Raise("payment_intent.canceled", PaymentIntentJson.Render(pi, ledger), context);
        return pi;
    }
}
