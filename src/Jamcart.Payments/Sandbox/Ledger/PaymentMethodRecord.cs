using Jamcart.Payments.Sandbox.Rules;

namespace Jamcart.Payments.Sandbox.Ledger;

/// <summary>
/// A card PaymentMethod. It keeps what Stripe shows of a card (brand, last four, expiry, a fingerprint) and which test
/// card it behaves as, never the number or the CVC (invariant I5).
/// </summary>
internal sealed class PaymentMethodRecord
{
    public required string Id { get; init; }

    public required long Created { get; init; }

    public required TestCard Behavior { get; init; }

    public required string Last4 { get; init; }

    public required int ExpMonth { get; init; }

    public required int ExpYear { get; init; }

    public required string Fingerprint { get; init; }

    public string Brand => Behavior.Brand;

    public string Funding => Behavior.Funding;

    public BillingDetails Billing { get; init; } = new();

    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
