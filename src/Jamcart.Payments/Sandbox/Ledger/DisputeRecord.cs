using Jamcart.Payments.Sandbox.Rules;

namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>A cardholder's dispute of a charge (a chargeback): its whole amount is withdrawn until it is decided.</summary>
internal sealed class DisputeRecord
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required long Amount { get; init; }

    public required StripeCurrency Currency { get; init; }

    public required string ChargeId { get; init; }

    public required string PaymentIntentId { get; init; }

    /// <summary>Stripe's reason (<c>fraudulent</c>).</summary>
    public required string Reason { get; init; }

    /// <summary>The evidence is due by then (seconds since the Unix epoch).</summary>
    public required long DueBy { get; init; }

    /// <summary><c>needs_response</c>, then <c>won</c> or <c>lost</c>.</summary>
    public string Status { get; set; } = "needs_response";

    /// <summary>The text evidence submitted so far; Stripe's test mode decides on <c>winning_evidence</c> and <c>losing_evidence</c>.</summary>
    public string? UncategorizedText { get; set; }

    public int SubmissionCount { get; set; }
}
