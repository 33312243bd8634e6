namespace Jamcart.Checkout.Payments;

/// <summary>Why the provider refused a card: a code (<c>card_declined</c>), a decline code (<c>insufficient_funds</c>) and a message fit to show the buyer.</summary>
public sealed record PaymentError(string Code, string? DeclineCode, string Message);
