namespace Jamcart.Core;

/// <summary>A cart with its totals. <see cref="Total"/> = subtotal + shipping − discount, plus tax when prices exclude it.</summary>
/// <param name="Tax">With <paramref name="TaxInclusive"/>, the part of the total that is tax; otherwise the tax added on top.</param>
public sealed record PricedCart(
    IReadOnlyList<CartLine> Lines,
    Money Subtotal,
    Money Shipping,
    Money Discount,
    Money Tax,
    bool TaxInclusive,
    Money Total);
