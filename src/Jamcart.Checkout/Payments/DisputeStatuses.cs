namespace Jamcart.Checkout.Payments;

/// <summary>A dispute's status, in the provider's own words (Stripe's), as it is stored and shown.</summary>
public static class DisputeStatuses
{
    public const string Won = "won";
    public const string Lost = "lost";

    /// <summary>Whether the dispute was decided, for the shop or the cardholder: nothing reported later takes that back.</summary>
    public static bool IsDecided(string status) => status is Won or Lost;
}
