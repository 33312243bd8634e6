using Jamcart.Payments.Sandbox.Rules;

namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>A refund of part or all of a succeeded charge. Card refunds in the sandbox succeed at once.</summary>
internal sealed class RefundRecord
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required long Amount { get; init; }

    public required StripeCurrency Currency { get; init; }

    public required string ChargeId { get; init; }

    public required string PaymentIntentId { get; init; }

    public required string BalanceTransaction { get; init; }

    public string? Reason { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    public string Status { get; set; } = "succeeded";

    /// <summary>Why the refund failed (<c>expired_or_canceled_card</c>); null unless it did.</summary>
    public string? FailureReason { get; set; }
}
