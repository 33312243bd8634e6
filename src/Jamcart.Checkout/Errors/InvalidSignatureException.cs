namespace Jamcart.Checkout.Errors;

/// <summary>A webhook whose signature is missing, wrong or outside the tolerance; its body was not acted on.</summary>
public sealed class InvalidSignatureException(string message) : CheckoutException(message);
