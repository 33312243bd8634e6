using System.Collections.Frozen;

namespace Jamcart.Payments.Sandbox.Rules;

/// <summary>
/// Stripe's test cards (docs.stripe.com/testing): numbers and ready-made PaymentMethods with their outcomes. Any other
/// number that passes the Luhn check is approved, like 4242 4242 4242 4242.
/// </summary>
internal static class TestCards
{
    private const string Declined = "Your card was declined.";

    public static IReadOnlyList<TestCard> All { get; } =
    [
        new("4242424242424242", "pm_card_visa", "visa", "credit", false, CardOutcome.Approved, "Succeeds"),
        new("4000056655665556", "pm_card_visa_debit", "visa", "debit", false, CardOutcome.Approved, "Succeeds (debit)"),
        new("5555555555554444", "pm_card_mastercard", "mastercard", "credit", false, CardOutcome.Approved, "Succeeds"),
        new("378282246310005", "pm_card_amex", "amex", "credit", false, CardOutcome.Approved, "Succeeds"),
        new("4000000000000002", "pm_card_chargeDeclined", "visa", "credit", false,
            CardOutcome.Declined("generic_decline", Declined), "Declined: card_declined / generic_decline"),
        new("4000000000009995", "pm_card_chargeDeclinedInsufficientFunds", "visa", "credit", false,
            CardOutcome.Declined("insufficient_funds", "Your card has insufficient funds."), "Declined: insufficient_funds"),
        new("4000000000009987", "pm_card_chargeDeclinedLostCard", "visa", "credit", false,
            CardOutcome.Declined("lost_card", Declined), "Declined: lost_card"),
        new("4000000000009979", "pm_card_chargeDeclinedStolenCard", "visa", "credit", false,
            CardOutcome.Declined("stolen_card", Declined), "Declined: stolen_card"),
        new("4000000000000069", "pm_card_chargeDeclinedExpiredCard", "visa", "credit", false,
            new CardOutcome("expired_card", null, "Your card has expired.", "exp_month"), "Declined: expired_card"),
        new("4000000000000127", "pm_card_chargeDeclinedIncorrectCvc", "visa", "credit", false,
            new CardOutcome("incorrect_cvc", null, "Your card's security code is incorrect.", "cvc"), "Declined: incorrect_cvc"),
        new("4000000000000119", "pm_card_chargeDeclinedProcessingError", "visa", "credit", false,
            new CardOutcome("processing_error", null, "An error occurred while processing your card. Try again in a little bit."),
            "Declined: processing_error"),
        new("4000000000006975", "pm_card_chargeDeclinedVelocityLimitExceeded", "visa", "credit", false,
            CardOutcome.Declined("card_velocity_exceeded", "Your card was declined for making repeated attempts too frequently or exceeding its amount limit."),
            "Declined: card_velocity_exceeded"),
        new("4000000000005126", "pm_card_refundFail", "visa", "credit", false, CardOutcome.Approved,
            "Succeeds; a refund fails a minute later", RefundsFail: true),
        new("4000000000000259", "pm_card_createDispute", "visa", "credit", false, CardOutcome.Approved,
            "Succeeds, then is disputed as fraudulent", Disputed: true),
        new("4000002500003155", "pm_card_authenticationRequiredOnSetup", "visa", "credit", true, CardOutcome.Approved,
            "3-D Secure, then succeeds"),
        new("4000002760003184", "pm_card_authenticationRequired", "visa", "credit", true, CardOutcome.Approved,
            "3-D Secure, then succeeds"),
        new("4000000000003220", "pm_card_threeDSecure2Required", "visa", "credit", true, CardOutcome.Approved,
            "3-D Secure 2, then succeeds"),
        new("4000000000003063", "pm_card_threeDSecureRequired", "visa", "credit", true, CardOutcome.Approved,
            "3-D Secure, then succeeds"),
        new("4000008400001629", null, "visa", "credit", true, CardOutcome.Declined("generic_decline", Declined),
            "3-D Secure, then declined: card_declined"),
        new("4000008260003178", "pm_card_authenticationRequiredChargeDeclinedInsufficientFunds", "visa", "credit", true,
            CardOutcome.Declined("insufficient_funds", "Your card has insufficient funds."), "3-D Secure, then declined: insufficient_funds"),
    ];

    private static readonly FrozenDictionary<string, TestCard> ByNumber =
        All.ToFrozenDictionary(card => card.Number, StringComparer.Ordinal);

    private static readonly FrozenDictionary<string, TestCard> ByPaymentMethod =
        All.Where(card => card.PaymentMethod is not null).ToFrozenDictionary(card => card.PaymentMethod!, StringComparer.Ordinal);

    /// <summary>The test card for a ready-made PaymentMethod id (<c>pm_card_visa</c>), or false.</summary>
    public static bool TryGetByPaymentMethod(string id, out TestCard card) => ByPaymentMethod.TryGetValue(id, out card!);

    /// <summary>What a card number does: its test card, or an approved card of the number's brand.</summary>
    public static TestCard ForNumber(string number) =>
        ByNumber.TryGetValue(number, out var card)
            ? card
            : new TestCard(number, null, CardBrands.Of(number), "credit", false, CardOutcome.Approved, "Succeeds");
}
