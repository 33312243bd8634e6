using System.Text.Json;

namespace Jamcart.Payments.Stripe.Wire;

/// <summary>The fields of Stripe's Charge object that Jamcart reads: what a <c>charge.refunded</c> event says was refunded.</summary>
internal sealed class ChargeObject
{
    public string? Object { get; init; }

    public string? Id { get; init; }

    public long Amount { get; init; }

    public long AmountRefunded { get; init; }

    public string? Currency { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }

    /// <summary>The PaymentIntent's id, or the PaymentIntent itself when expanded; null for a charge made without one.</summary>
    public JsonElement? PaymentIntent { get; init; }
}
