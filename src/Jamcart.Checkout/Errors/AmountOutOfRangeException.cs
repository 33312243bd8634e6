namespace Jamcart.Checkout.Errors;

/// <summary>The order total is outside what the payment provider accepts for the currency; nothing was kept.</summary>
public sealed class AmountOutOfRangeException(string message, long? minimum, long? maximum) : CheckoutException(message)
{
    /// <summary>The provider's minimum charge in minor units, when the total is below it.</summary>
    public long? Minimum => minimum;

    /// <summary>The provider's maximum in minor units, when the total is above it.</summary>
    public long? Maximum => maximum;
}
