namespace Jamcart.Checkout.Payments;

/// <summary>A dispute's status, in the provider's own words (Stripe's), as it is stored and shown.</summary>
public static class DisputeStatuses
{
    public const string NeedsResponse = "needs_response";
    public const string UnderReview = "under_review";
    public const string Won = "won";
    public const string Lost = "lost";

    /// <summary>A chargeback the card network stopped before it was filed (Visa's Rapid Dispute Resolution): nothing is withheld.</summary>
    public const string Prevented = "prevented";

    /// <summary>An inquiry (a retrieval request, not yet a chargeback) waiting for the shop's answer.</summary>
    public const string InquiryNeedsResponse = "warning_needs_response";

    /// <summary>An inquiry the shop answered, under review by the bank.</summary>
    public const string InquiryUnderReview = "warning_under_review";

    /// <summary>An inquiry (Stripe's <c>warning_*</c> statuses) that ended without becoming a chargeback.</summary>
    public const string InquiryClosed = "warning_closed";

    /// <summary>Every status above, as the admin API's OpenAPI document lists them.</summary>
    public static IReadOnlyList<string> All { get; } = [NeedsResponse, UnderReview, Won, Lost, Prevented, InquiryNeedsResponse, InquiryUnderReview, InquiryClosed];

    /// <summary>Whether the shop answered it and the bank is reviewing the answer (a chargeback's or an inquiry's).</summary>
    public static bool IsUnderReview(string status) => status is UnderReview or InquiryUnderReview;

    /// <summary>Whether it is an inquiry (a retrieval request), not a chargeback: no money is withheld.</summary>
    public static bool IsInquiry(string status) => status.StartsWith("warning_", StringComparison.Ordinal);

    /// <summary>Whether the dispute was decided, for the shop or the cardholder: nothing reported later takes that back.</summary>
    public static bool IsDecided(string status) => status is Won or Lost;

    /// <summary>
    /// Whether the payment cannot be refunded while the dispute stands: a chargeback still open (Stripe refuses with
    /// <c>charge_disputed</c>), or lost (the cardholder's bank already gave the money back). An inquiry
    /// (<c>warning_*</c>) can still be settled by a refund, and a won dispute leaves the payment as it was.
    /// </summary>
    public static bool BlocksRefund(string status) => status is NeedsResponse or UnderReview or Lost;
}
