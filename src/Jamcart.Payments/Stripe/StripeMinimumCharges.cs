using System.Collections.Frozen;

using Jamcart.Core;

namespace Jamcart.Payments.Stripe;

/// <summary>
/// Stripe's published minimum charge per currency (docs.stripe.com/currencies#minimum-and-maximum-charge-amounts),
/// in Stripe's own integer unit.
/// </summary>
/// <remarks>
/// Exact only when the account settles in the charge's currency; a charge that Stripe converts must meet the
/// settlement currency's minimum instead. So this table is a fallback for when Stripe's own error message does not
/// state the limit, and is not used at all when the message says the amount was converted.
/// </remarks>
internal static class StripeMinimumCharges
{
    private static readonly FrozenDictionary<string, long> Minimums = new Dictionary<string, long>(StringComparer.Ordinal)
    {
        ["USD"] = 50,
        ["AED"] = 200,
        ["ARS"] = 50,
        ["AUD"] = 50,
        ["BRL"] = 50,
        ["CAD"] = 50,
        ["CHF"] = 50,
        ["COP"] = 50,
        ["CZK"] = 1500,
        ["DKK"] = 250,
        ["EUR"] = 50,
        ["GBP"] = 30,
        ["HKD"] = 400,
        ["HUF"] = 17500,
        ["IDR"] = 50,
        ["ILS"] = 50,
        ["INR"] = 50,
        ["JPY"] = 50,
        ["KRW"] = 50,
        ["MXN"] = 1000,
        ["MYR"] = 200,
        ["NOK"] = 300,
        ["NZD"] = 50,
        ["PHP"] = 50,
        ["PLN"] = 200,
        ["RON"] = 200,
        ["RUB"] = 50,
        ["SEK"] = 300,
        ["SGD"] = 50,
        ["THB"] = 1000,
        ["ZAR"] = 50,
    }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>The published minimum in Jamcart's minor units, when Stripe publishes one for this currency.</summary>
    public static long? For(Currency currency) =>
        Minimums.TryGetValue(currency.Code, out var stripeAmount)
        && StripeAmounts.TryFromStripe(stripeAmount, currency.Code, out var minimum)
            ? minimum.Minor
            : null;
}
