namespace Jamcart.Checkout.Payments;

/// <summary>
/// A refund's status, in the provider's own words (Stripe's), as it is stored and shown. A refund counts as made from
/// the moment the provider accepts it; only <see cref="Failed"/> and <see cref="Canceled"/> mean the money stayed.
/// </summary>
public static class RefundStatuses
{
    public const string Succeeded = "succeeded";
    public const string Pending = "pending";
    public const string Failed = "failed";
    public const string Canceled = "canceled";

    /// <summary>The customer must act before the refund goes on (some payment methods, never a card); it still counts as made.</summary>
    public const string RequiresAction = "requires_action";

    /// <summary>Every status above, as the admin API's OpenAPI document lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [Succeeded, Pending, RequiresAction, Failed, Canceled];
}
