using Jamcart.Payments.Sandbox.Api;
using Jamcart.Payments.Sandbox.Ledger;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary><c>POST /v1/payment_intents/{id}/confirm</c>: charge the card (or ask for 3-D Secure) for a PaymentIntent still waiting.</summary>
internal static class ConfirmPaymentIntent
{
    public sealed record Request
    {
        public string? PaymentMethod { get; init; }

        public string? ReturnUrl { get; init; }

        public string? ReceiptEmail { get; init; }

        public string? SetupFutureUsage { get; init; }

        public bool OffSession { get; init; }
    }

    /// <exception cref="SandboxApiException">No such PaymentIntent, a state that cannot be confirmed, or a decline (402).</exception>
    public static PaymentIntentRecord Execute(SandboxLedger ledger, PaymentIntentRecord pi, Request request, RequestContext context)
    {
        switch (pi.Status)
        {
            case PaymentIntentStatus.Succeeded:
                throw StripeErrors.UnexpectedState(
                    "You cannot confirm this PaymentIntent because it has already succeeded after being previously confirmed.", pi);
            case PaymentIntentStatus.Canceled or PaymentIntentStatus.Processing:
                throw StripeErrors.UnexpectedState(
                    $"You cannot confirm this PaymentIntent because it has a status of {pi.Status}. Only a PaymentIntent with one of the following statuses may be confirmed: requires_confirmation, requires_payment_method, requires_action.",
                    pi);
        }

        var pm = request.PaymentMethod is { } pmId ? Charging.ResolvePaymentMethod(ledger, pmId) : pi.PaymentMethod;
        if (pm is null)
        {
            throw StripeErrors.UnexpectedState(CreatePaymentIntent.MissingPaymentMethod, pi);
        }

        if (request.ReceiptEmail is not null)
        {
            pi.ReceiptEmail = request.ReceiptEmail;
        }

        if (request.SetupFutureUsage is not null)
        {
            pi.SetupFutureUsage = request.SetupFutureUsage;
        }

        pi.OffSession = request.OffSession;
        if (Charging.Attempt(ledger, pi, pm, context, authenticated: false, request.ReturnUrl) is { } declined)
        {
            throw Charging.Declined(pi, declined);
        }

        return pi;
    }
}
