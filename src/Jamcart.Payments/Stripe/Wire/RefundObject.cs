using System.Text.Json;

namespace Jamcart.Payments.Stripe.Wire;

/// <summary>The fields of Stripe's Refund object that Jamcart reads.</summary>
internal sealed class RefundObject
{
    public string? Id { get; init; }

    public long Amount { get; init; }

    public string? Currency { get; init; }

    /// <summary>The PaymentIntent's id, or the PaymentIntent itself when expanded.</summary>
    public JsonElement? PaymentIntent { get; init; }

    public string? Status { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }

    /// <summary>Why a failed refund failed (<c>expired_or_canceled_card</c>); absent otherwise.</summary>
    public string? FailureReason { get; init; }

    /// <summary>Seconds since the Unix epoch.</summary>
    public long Created { get; init; }
}
