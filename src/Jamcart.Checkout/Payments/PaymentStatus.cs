namespace Jamcart.Checkout.Payments;

/// <summary>Where a payment stands, in Jamcart's terms; each adapter maps its provider's statuses here in one place.</summary>
public enum PaymentStatus
{
    /// <summary>Waiting for the buyer's card, or the last card was refused and another may be tried.</summary>
    AwaitingPaymentMethod,

    /// <summary>The buyer must do something: 3-D Secure, a redirect.</summary>
    RequiresAction,

    /// <summary>The provider is still working on it; ask again later.</summary>
    Processing,

    /// <summary>The money is taken.</summary>
    Succeeded,

    /// <summary>Canceled: it can never be charged.</summary>
    Canceled,
}
