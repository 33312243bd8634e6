namespace Jamcart.Payments.Sandbox.Rules;

/// <summary>One of Stripe's test cards and what it does: its outcome, and whether 3-D Secure is asked for first.</summary>
/// <param name="PaymentMethod">Stripe's ready-made test PaymentMethod for this card (<c>pm_card_visa</c>), if it has one.</param>
/// <param name="RequiresAuthentication">Confirming asks for 3-D Secure; <see cref="Outcome"/> applies once it passes.</param>
/// <param name="RefundsFail">A refund of its charge starts as succeeded and fails later, as the card's bank refuses it.</param>
/// <param name="Disputed">Its charge succeeds, and the cardholder then disputes it with the bank (a chargeback).</param>
internal sealed record TestCard(
    string Number,
    string? PaymentMethod,
    string Brand,
    string Funding,
    bool RequiresAuthentication,
    CardOutcome Outcome,
    string Description,
    bool RefundsFail = false,
    bool Disputed = false);
