using Jamcart.Payments.Sandbox.Ledger;
using Jamcart.Payments.Sandbox.Wire;

namespace Jamcart.Payments.Sandbox.Operations;

/// <summary>
/// The buyer's answer on the 3-D Secure page: passed, the card is charged (and may still be declined); failed, the
/// PaymentIntent waits for another card with <c>payment_intent_authentication_failure</c>.
/// </summary>
internal static class CompleteThreeDSecure
{
    public const string FailureMessage =
        "The provided PaymentMethod has failed authentication. You can provide payment_method_data or a new PaymentMethod to attempt to fulfill this PaymentIntent again.";

    /// <summary>Where the buyer goes next, and whether the payment succeeded.</summary>
    public sealed record Result(bool Succeeded, string? ReturnUrl);

    /// <summary>True when the PaymentIntent waits for this challenge (any challenge when <paramref name="token"/> is null).</summary>
    public static bool IsPending(PaymentIntentRecord? pi, string? token) =>
        pi is { Status: PaymentIntentStatus.RequiresAction, Challenge: { } challenge }
        && (token is null || System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.UTF8.GetBytes(challenge.Token), System.Text.Encoding.UTF8.GetBytes(token)));

    /// <exception cref="InvalidOperationException">The PaymentIntent is not waiting for this challenge.</exception>
    public static Result Execute(SandboxLedger ledger, PaymentIntentRecord pi, string? token, bool passed)
    {
        if (!IsPending(pi, token))
        {
            throw new InvalidOperationException($"PaymentIntent {pi.Id} is not waiting for 3-D Secure (status {pi.Status}).");
        }

        var returnUrl = pi.Challenge!.ReturnUrl;
        var pm = pi.PaymentMethod!;

        // No API request makes this change: its events carry no request id, and the version the intent was confirmed in.
        var context = new RequestContext(null, null, pi.ApiVersion);
        if (passed)
        {
            var declined = Charging.Attempt(ledger, pi, pm, context, authenticated: true);
            return new Result(declined is null, returnUrl);
        }

        pi.Status = PaymentIntentStatus.RequiresPaymentMethod;
        pi.Challenge = null;
        pi.PaymentMethod = null;
        pi.LastPaymentError = new PaymentErrorRecord("invalid_request_error", "payment_intent_authentication_failure", null, FailureMessage)
        {
            PaymentMethod = pm,
        };
        ledger.Raise("payment_intent.payment_failed", PaymentIntentJson.Render(pi, ledger), context);
        return new Result(false, returnUrl);
    }
}
