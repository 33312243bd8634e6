using System.Globalization;

using Jamcart.Payments.Sandbox.Api;

namespace Jamcart.Payments.Sandbox.Rules;

/// <summary>Stripe's rules for a charge amount: a positive integer in the currency's unit, within its minimum and eight digits.</summary>
internal static class AmountRules
{
    /// <summary>Stripe's <c>amount</c> "supports up to eight digits" in every currency.</summary>
    public const long Maximum = 99_999_999;

    private const decimal MinimumUsd = 0.50m;

    /// <summary>Refuses an amount Stripe would not charge in this currency, with Stripe's code and wording.</summary>
    /// <exception cref="SandboxApiException">amount_too_small, amount_too_large or invalid_charge_amount.</exception>
    public static void EnsureChargeable(long amount, StripeCurrency currency)
    {
        if (amount < 0)
        {
            throw StripeErrors.InvalidPositiveInteger("amount");
        }

        if (amount > Maximum)
        {
            throw TooLarge($"Amount must be no more than {Format(Maximum, currency)} {currency.Code}");
        }

        EnsureStep(amount, currency);

        if (currency.Minimum is { } published)
        {
            if (amount < published)
            {
                throw TooSmall($"Amount must be at least {Format(published, currency)} {currency.Code}");
            }

            return;
        }

        var minimum = ConvertedMinimum(currency);
        if (amount < minimum)
        {
            var usd = currency.PerUsd is { } rate ? Major(amount, currency) / rate : 0m;
            var approximately = Math.Floor(usd * 100m) / 100m;
            throw TooSmall(string.Create(CultureInfo.InvariantCulture,
                $"Amount must convert to at least 50 cents. {Format(amount, currency)} converts to approximately ${approximately:0.00}."));
        }
    }

    /// <summary>Refuses a refund amount that is not a positive multiple of the currency's step.</summary>
    public static void EnsureRefundable(long amount, StripeCurrency currency)
    {
        if (amount <= 0)
        {
            throw StripeErrors.InvalidPositiveInteger("amount");
        }

        EnsureStep(amount, currency);
    }

    /// <summary>An amount the way Stripe's messages write it: symbol, thousands separators, the currency's decimals.</summary>
    public static string Format(long amount, StripeCurrency currency)
    {
        var format = currency.Exponent == 0 ? "#,0" : "#,0." + new string('0', currency.Exponent);
        return currency.Symbol + Major(amount, currency).ToString(format, CultureInfo.InvariantCulture);
    }

    private static void EnsureStep(long amount, StripeCurrency currency)
    {
        if (amount % currency.Step != 0)
        {
            throw StripeErrors.InvalidValue(
                "amount",
                string.Create(CultureInfo.InvariantCulture,
                    $"Invalid amount: {amount}. Amounts in {currency.Code} must be a multiple of {currency.Step}: the last {(currency.Step == 10 ? "digit" : "two digits")} must be 0."),
                "invalid_charge_amount");
        }
    }

    private static long ConvertedMinimum(StripeCurrency currency)
    {
        if (currency.PerUsd is not { } rate)
        {
            return currency.Step;
        }

        var minor = (long)Math.Ceiling(MinimumUsd * rate * Pow10(currency.Exponent));
        return (minor + currency.Step - 1) / currency.Step * currency.Step;
    }

    private static decimal Major(long amount, StripeCurrency currency) => amount / Pow10(currency.Exponent);

    private static decimal Pow10(int exponent) => exponent switch { 0 => 1m, 2 => 100m, 3 => 1000m, _ => (decimal)Math.Pow(10, exponent) };

    private static SandboxApiException TooSmall(string message) =>
        new(400, StripeErrors.InvalidRequest, message) { Code = "amount_too_small", Param = "amount", Replayable = false };

    private static SandboxApiException TooLarge(string message) =>
        new(400, StripeErrors.InvalidRequest, message) { Code = "amount_too_large", Param = "amount", Replayable = false };
}
