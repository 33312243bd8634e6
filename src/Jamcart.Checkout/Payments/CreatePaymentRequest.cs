using Jamcart.Core;

namespace Jamcart.Checkout.Payments;

/// <summary>A payment to create for an order: the order's own total, never a figure from the browser (invariant I1).</summary>
/// <param name="IdempotencyKey">Derived from the order (<c>order:{id}:create</c>), so a retry never creates a second payment.</param>
public sealed record CreatePaymentRequest(string OrderId, Money Amount, string IdempotencyKey)
{
    /// <summary>Shown on the buyer's statement and in the provider's dashboard.</summary>
    public string? Description { get; init; }

    /// <summary>Extra metadata for the provider's dashboard; <c>order_id</c> is always set from <see cref="OrderId"/>.</summary>
    public IReadOnlyDictionary<string, string> Metadata { get; init; } = new Dictionary<string, string>();
}
