using System.Collections.Frozen;

using Jamcart.Checkout.Payments;
using Jamcart.Core;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// Converts between Jamcart's ISO 4217 minor units and the integer Stripe's <c>amount</c> fields hold, which are not
/// always the same unit.
/// </summary>
/// <remarks>
/// Source: docs.stripe.com/currencies (zero-decimal, three-decimal and special cases). Where Stripe and ISO agree
/// (USD 2, KRW and JPY 0, KWD 3) the number passes through. Where they differ:
/// <list type="bullet">
/// <item>ISK and UGX: ISO has no minor unit, Stripe still writes them with two decimals that are always 00, so 5 ISK is
/// sent as 500.</item>
/// <item>MGA: ISO counts hundredths, Stripe charges whole ariary only; an amount with a fraction cannot be charged and
/// is refused here rather than rounded, since rounding would charge a figure other than the order's total.</item>
/// <item>HUF and TWD: Stripe charges them with two decimals like ISO; its whole-unit rule applies to payouts only,
/// which Jamcart never makes.</item>
/// </list>
/// A currency outside these tables whose ISO exponent is not 2 (CLF, IQD, LYD, UYI, UYW…) has no documented Stripe
/// unit; it is refused instead of guessed, because a wrong guess is a charge off by a factor of 100.
/// Three-decimal amounts must also end in 0 at Stripe. The adapter does not round to keep that rule (it would charge
/// another figure than the order's): the currency table's charge step keeps it upstream, where store prices are read,
/// tax is rounded and refunds are checked, and an amount that still breaks it is Stripe's <c>invalid_charge_amount</c>.
/// </remarks>
internal static class StripeAmounts
{
    private static readonly FrozenSet<string> ZeroDecimal = FrozenSet.ToFrozenSet(
        ["BIF", "CLP", "DJF", "GNF", "JPY", "KMF", "KRW", "MGA", "PYG", "RWF", "VND", "VUV", "XAF", "XOF", "XPF"],
        StringComparer.Ordinal);

    private static readonly FrozenSet<string> ThreeDecimal = FrozenSet.ToFrozenSet(
        ["BHD", "JOD", "KWD", "OMR", "TND"],
        StringComparer.Ordinal);

    // UGX is on Stripe's zero-decimal list too, but the special cases on the same page say it is written like ISK.
    private static readonly FrozenSet<string> WholeUnitsInHundredths = FrozenSet.ToFrozenSet(
        ["ISK", "UGX"],
        StringComparer.Ordinal);

    /// <summary>The number of decimals Stripe writes this currency's amounts with, or null when it has no documented unit.</summary>
    public static int? StripeExponent(Currency currency)
    {
        if (ZeroDecimal.Contains(currency.Code))
        {
            return 0;
        }

        if (ThreeDecimal.Contains(currency.Code))
        {
            return 3;
        }

        if (WholeUnitsInHundredths.Contains(currency.Code) || currency.Exponent == 2)
        {
            return 2;
        }

        return null;
    }

    /// <summary>The amount as Stripe's integer for this currency.</summary>
    /// <exception cref="PaymentRequestRejectedException">Stripe cannot charge exactly this amount in this currency.</exception>
    public static long ToStripe(Money amount)
    {
        var currency = amount.Currency;
        var stripeExponent = StripeExponent(currency)
            ?? throw new PaymentRequestRejectedException(
                "currency_not_supported",
                $"{currency.Code} has no documented unit at Stripe, so no amount in it can be charged exactly.",
                "currency");

        var shift = stripeExponent - currency.Exponent;
        if (shift >= 0)
        {
            try
            {
                return checked(amount.Minor * PowerOfTen(shift));
            }
            catch (OverflowException)
            {
                throw new PaymentRequestRejectedException("amount_too_large", $"The amount is too large to charge in {currency.Code}.", "amount");
            }
        }

        var divisor = PowerOfTen(-shift);
        if (amount.Minor % divisor != 0)
        {
            throw new PaymentRequestRejectedException(
                "amount_not_representable",
                $"Stripe charges {currency.Code} in whole units only; {amount} has a fraction that cannot be charged.",
                "amount");
        }

        return amount.Minor / divisor;
    }

    /// <summary>Stripe's integer and lower-case currency code as Jamcart money, or false when Jamcart cannot represent it exactly.</summary>
    public static bool TryFromStripe(long stripeAmount, string? stripeCurrency, out Money amount)
    {
        amount = default;
        if (!Currency.TryGet(stripeCurrency, out var currency) || StripeExponent(currency) is not { } stripeExponent)
        {
            return false;
        }

        var shift = currency.Exponent - stripeExponent;
        if (shift >= 0)
        {
            try
            {
                amount = new Money(checked(stripeAmount * PowerOfTen(shift)), currency);
                return true;
            }
            catch (OverflowException)
            {
                return false;
            }
        }

        var divisor = PowerOfTen(-shift);
        if (stripeAmount % divisor != 0)
        {
            return false;
        }

        amount = new Money(stripeAmount / divisor, currency);
        return true;
    }

    /// <summary>Stripe's integer as Jamcart money.</summary>
    /// <exception cref="InvalidOperationException">The provider reported an amount Jamcart cannot represent: not a payment Jamcart made.</exception>
    public static Money FromStripe(long stripeAmount, string? stripeCurrency) =>
        TryFromStripe(stripeAmount, stripeCurrency, out var amount)
            ? amount
            : throw new InvalidOperationException(
                $"The provider reported an amount in '{stripeCurrency}' that Jamcart cannot represent exactly.");

    /// <summary>The lower-case ISO code Stripe expects in requests.</summary>
    public static string CurrencyCode(Currency currency) => currency.Code.ToLowerInvariant();

    private static long PowerOfTen(int exponent)
    {
        var result = 1L;
        for (var i = 0; i < exponent; i++)
        {
            result *= 10;
        }

        return result;
    }
}
