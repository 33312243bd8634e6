namespace Jamcart.Core;

/// <summary>Prices a cart: subtotal, shipping, tax and total, in whole minor units of the store's currency.</summary>
/// <remarks>
/// Rounding rule, the same for every currency: tax is computed once per order, on goods and shipping together (as VAT
/// and GST are), and rounded to the nearest <see cref="Currency.ChargeStep"/> with halves rounded up. The step is one
/// minor unit (a won, a cent) in most currencies, 10 fils in KWD, BHD, JOD, OMR and TND, whose card payments must end
/// in 0, and a whole ariary in MGA. Prices that include tax: tax = total × rate ÷ (1 + rate), so ₩27,000 at 10 % holds ₩2,455 of tax. Prices
/// without tax: tax = (subtotal + shipping − discount) × rate, added to the total, so $27.00 at 8.875 % adds $2.40
/// (239.625 cents) and KWD 11.500 at 8.875 % adds KWD 1.020 (1,020.625 fils, 102.06… steps). Rounding per order rather
/// than per line keeps the tax one figure that a buyer can check against the total.
/// <para>
/// Prices, shipping rates and free-shipping thresholds are whole steps already (a store that writes otherwise does not
/// build), so with the tax rounded to a step every total is an amount the card provider can charge. Included tax is
/// rounded to the step too, although it does not change the total: the goods without tax and the tax then add up in
/// the same units as everything else on the receipt.
/// </para>
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
            var tax = ToNearestStep((Int128)taxable.Minor * rules.Tax.RatePpm, PartsPerMillion + rules.Tax.RatePpm, currency);
            return new PricedCart(lines, subtotal, shipping, discount, tax, TaxInclusive: true, taxable);
        }

        var added = ToNearestStep((Int128)taxable.Minor * rules.Tax.RatePpm, PartsPerMillion, currency);
        return new PricedCart(lines, subtotal, shipping, discount, added, TaxInclusive: false, taxable + added);
    }

    /// <summary>numerator ÷ denominator minor units, rounded to the nearest whole charge step of the currency, halves up.</summary>
    private static Money ToNearestStep(Int128 numerator, Int128 denominator, Currency currency)
    {
        var steps = RoundHalfUp(numerator, denominator * currency.ChargeStep);
        return new Money(checked(steps * currency.ChargeStep), currency);
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
