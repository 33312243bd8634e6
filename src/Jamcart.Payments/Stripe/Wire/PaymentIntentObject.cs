using System.Text.Json;

namespace Jamcart.Payments.Stripe.Wire;

/// <summary>The fields of Stripe's PaymentIntent object that Jamcart reads; every other field is ignored.</summary>
internal sealed class PaymentIntentObject
{
    public string? Object { get; init; }

    public string? Id { get; init; }

    public string? Status { get; init; }

    public long Amount { get; init; }

    public string? Currency { get; init; }

    public Dictionary<string, string>? Metadata { get; init; }

    public string? ClientSecret { get; init; }

    public ErrorObject? LastPaymentError { get; init; }

    /// <summary>The charge's id, or the charge itself when the request expanded it (see <see cref="ChargeObject"/>).</summary>
    public JsonElement? LatestCharge { get; init; }
}
