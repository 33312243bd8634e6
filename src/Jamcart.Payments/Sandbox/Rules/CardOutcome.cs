namespace Jamcart.Payments.Sandbox.Rules;

/// <summary>What the issuer says when a test card is charged: approved, or Stripe's error code, decline code and message.</summary>
/// <param name="Param">The card field Stripe blames for the error (<c>cvc</c> for incorrect_cvc), if any.</param>
internal sealed record CardOutcome(string? Code, string? DeclineCode, string? Message, string? Param = null)
{
    public static CardOutcome Approved { get; } = new(null, null, null);

    public bool IsApproved => Code is null;

    public static CardOutcome Declined(string declineCode, string message) => new("card_declined", declineCode, message);
}
