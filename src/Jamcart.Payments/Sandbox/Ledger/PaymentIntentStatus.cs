namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>Stripe's PaymentIntent status words, exactly.</summary>
internal static class PaymentIntentStatus
{
    public const string RequiresPaymentMethod = "requires_payment_method";
    public const string RequiresConfirmation = "requires_confirmation";
    public const string RequiresAction = "requires_action";
    public const string Processing = "processing";
    public const string Succeeded = "succeeded";
    public const string Canceled = "canceled";
}
