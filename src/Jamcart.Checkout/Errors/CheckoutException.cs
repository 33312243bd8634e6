namespace Jamcart.Checkout.Errors;

/// <summary>A refusal the caller can act on. The HTTP host maps each subtype, once, to its Problem Details.</summary>
public abstract class CheckoutException(string message) : Exception(message);
