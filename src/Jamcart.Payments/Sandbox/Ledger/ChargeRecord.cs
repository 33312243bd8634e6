using Jamcart.Payments.Sandbox.Rules;

namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>A charge: one attempt to take a PaymentIntent's money, succeeded or failed, and what was refunded of it.</summary>
internal sealed class ChargeRecord
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required long Amount { get; init; }

    public required StripeCurrency Currency { get; init; }

    public required string PaymentIntentId { get; init; }

    public required PaymentMethodRecord PaymentMethod { get; init; }

    public required CardOutcome Outcome { get; init; }

    public bool Succeeded => Outcome.IsApproved;

    public string? BalanceTransaction { get; init; }

    public string? Description { get; init; }

    public string? ReceiptEmail { get; init; }

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();

    /// <summary>The 3-D Secure transaction this charge was authenticated with, or null when it was not.</summary>
    public string? ThreeDSecureTransactionId { get; init; }

    public string? AuthorizationCode { get; init; }

    public string? NetworkTransactionId { get; init; }

    public long AmountRefunded { get; set; }

    public List<string> RefundIds { get; } = [];

    /// <summary>The dispute of this charge, once the cardholder opened one.</summary>
    public string? DisputeId { get; set; }

    public long AmountCaptured => Succeeded ? Amount : 0;
}
