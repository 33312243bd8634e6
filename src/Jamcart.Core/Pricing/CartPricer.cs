namespace Jamcart.Core;

/// <summary>Prices a cart: subtotal, shipping, tax and total, in whole minor units of the store's currency.</summary>
/// <remarks>
/// Rounding rule, the same for every currency because amounts are already whole minor units (won, cents, fils):
/// tax is computed once per order, on goods and shipping together (as VAT and GST are), and rounded to the nearest
/// minor unit with halves rounded up. Prices that include tax: tax = total × rate ÷ (1 + rate), so ₩27,000 at 10 %
/// holds ₩2,455 of tax. Prices without tax: tax = (subtotal + shipping − discount) × rate, added to the total, so
/// $27.00 at 8.875 % adds $2.40 (239.625 cents). Rounding per order rather than per line keeps the tax one figure that a
/// buyer can check against the total.
/// </remarks>
public static class CartPricer
{
    private const long PartsPerMillion = 1_000_000;

    /// <exception cref="ArgumentException">No lines, or a line in another currency than the rules'.</exception>
    /// <exception cref="OverflowException">A total does not fit in a long of minor units.</exception>
    public static PricedCart Price(IReadOnlyList<CartLine> lines, PricingRules rules)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(rules);
        if (lines.Count == 0)
        {
            throw new ArgumentException("A cart needs at least one line.", nameof(lines));
        }

        var currency = rules.Currency;
        if (lines.FirstOrDefault(line => line.UnitPrice.Currency != currency) is { } stray)
        {
            throw new ArgumentException($"{stray.Sku} is priced in {stray.UnitPrice.Currency.Code}, the store in {currency.Code}.", nameof(lines));
        }

        var subtotal = Money.Sum(lines.Select(line => line.Amount), currency);
        var discount = Money.Zero(currency);
        var shipping = ShippingFor(subtotal - discount, rules.Shipping, currency);
        var taxable = subtotal - discount + shipping;

        if (rules.Tax.Inclusive)
        {
            var tax = RoundHalfUp((Int128)taxable.Minor * rules.Tax.RatePpm, PartsPerMillion + rules.Tax.RatePpm);
            return new PricedCart(lines, subtotal, shipping, discount, new Money(tax, currency), TaxInclusive: true, taxable);
        }

        var added = new Money(RoundHalfUp((Int128)taxable.Minor * rules.Tax.RatePpm, PartsPerMillion), currency);
        return new PricedCart(lines, subtotal, shipping, discount, added, TaxInclusive: false, taxable + added);
    }

    private static Money ShippingFor(Money goods, ShippingRule? rule, Currency currency)
    {
        if (rule is null)
        {
            return Money.Zero(currency);
        }

        return rule.FreeOver is { } threshold && goods.Minor >= threshold.Minor ? Money.Zero(currency) : rule.FlatRate;
    }

    // Amounts and rates are never negative here, so "half up" and "half away from zero" agree.
    private static long RoundHalfUp(Int128 numerator, Int128 denominator) =>
        checked((long)((2 * numerator + denominator) / (2 * denominator)));
}
