using System.Buffers;
using System.Diagnostics.CodeAnalysis;

namespace Jamcart.Core;

/// <summary>
/// Reads prices as a store folder writes them: a plain decimal number of major units (12000, 12.50, 1.250), in whole
/// <see cref="Currency.ChargeStep"/>s, so that every price can be paid by card.
/// </summary>
public static class MoneyParser
{
    /// <summary>
    /// The largest whole number of major units a price may have. Twelve digits cover any real price in any currency
    /// (a trillion won is about 700 million dollars), keep four-decimal currencies far inside a long of minor units,
    /// and leave room to add up many prices before a total can overflow.
    /// </summary>
    public const long MaxMajor = 999_999_999_999;

    private const int MaxMajorDigits = 12;

    // Grouping marks people type: comma, underscore (YAML 1.1 allows it in numbers), apostrophe, spaces.
    private static readonly SearchValues<char> Separators = SearchValues.Create(",_' \u00A0\u202F\u2019");

    private static readonly SearchValues<char> DigitsAndSeparators = SearchValues.Create("0123456789.,_' \u00A0\u202F\u2019");

    private static readonly SearchValues<char> ScientificNotation = SearchValues.Create("0123456789.eE+-");

    /// <summary>Parses <paramref name="text"/> as an amount of <paramref name="currency"/>; on failure
    /// <paramref name="error"/> says what is wrong and how the currency's prices are written.</summary>
    public static bool TryParse(string? text, Currency currency, out Money money, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(currency);

        error = Read(text, currency, out var minor);
        money = error is null ? new Money(minor, currency) : default;
        return error is null;
    }

    /// <exception cref="FormatException">The text is not a valid amount of this currency; the message says why.</exception>
    public static Money Parse(string text, Currency currency)
    {
        return TryParse(text, currency, out var money, out var error) ? money : throw new FormatException(error);
    }

    private static string? Read(string? text, Currency currency, out long minor)
    {
        minor = 0;
        // YAML hands over scalars trimmed; surrounding spaces can only come from a quoted value and mean nothing.
        var span = text.AsSpan().Trim();
        if (span.IsEmpty)
        {
            return $"no amount given: write a number, like {Example(currency)}";
        }

        if (span[0] == '-')
        {
            return "prices cannot be negative";
        }

        if (span[0] == '+')
        {
            return $"leave out the '+' sign: write a plain number, like {Example(currency)}";
        }

        var point = -1;
        for (var i = 0; i < span.Length; i++)
        {
            var c = span[i];
            if (char.IsAsciiDigit(c))
            {
                continue;
            }

            if (c == '.' && point < 0)
            {
                point = i;
                continue;
            }

            return Problem(span, currency);
        }

        var whole = point < 0 ? span : span[..point];
        var fraction = point < 0 ? [] : span[(point + 1)..];
        if (point >= 0 && (whole.IsEmpty || fraction.IsEmpty))
        {
            return $"write digits on both sides of the decimal point, like {Example(currency)}";
        }

        if (fraction.Length > currency.Exponent)
        {
            return Rule(currency);
        }

        whole = whole.TrimStart('0');
        if (whole.Length > MaxMajorDigits)
        {
            return TooLarge(currency);
        }

        var major = 0L;
        foreach (var digit in whole)
        {
            major = checked((major * 10) + (digit - '0'));
        }

        var minorPart = 0L;
        for (var i = 0; i < currency.Exponent; i++)
        {
            // 12.5 in USD is 12.50: missing trailing digits are zeros.
            var digit = i < fraction.Length ? fraction[i] - '0' : 0;
            minorPart = checked((minorPart * 10) + digit);
        }

        minor = checked((major * currency.MinorPerMajor) + minorPart);

        // A price the card provider cannot charge would fail at checkout, in front of the buyer; rounding it here
        // would show one figure and charge another. So it is refused where the shop owner wrote it.
        return currency.IsWholeChargeSteps(minor) ? null : Steps(currency, minor);
    }

    private static string Problem(ReadOnlySpan<char> span, Currency currency)
    {
        // Name the likely habit (a spreadsheet's 12,000 or 1e3, a decimal comma) rather than just "not a number".
        if (span.ContainsAny(Separators) && !span.ContainsAnyExcept(DigitsAndSeparators))
        {
            return currency.Exponent == 0
                ? $"leave out thousands separators: write digits only, like {Example(currency)}"
                : $"leave out thousands separators and write decimals after a '.', like {Example(currency)}";
        }

        if (span.ContainsAny('e', 'E') && !span.ContainsAnyExcept(ScientificNotation))
        {
            return $"write the number out in full, without an exponent, like {Example(currency)}";
        }

        return $"not a number: write digits, like {Example(currency)}";
    }

    private static string Rule(Currency currency) => currency.Exponent == 0
        ? $"{currency.Code} has no minor unit: prices must be whole numbers, like {Example(currency)}"
        : $"{currency.Code} allows at most {currency.Exponent} decimal{(currency.Exponent == 1 ? "" : "s")}, like {Example(currency)}";

    private static string Steps(Currency currency, long minor)
    {
        var step = currency.ChargeStep;
        var below = currency.ChargeStepsBelow(minor);
        var nearest = below + step <= Largest(currency)
            ? $"{Plain(below, currency)} or {Plain(below + step, currency)}"
            : Plain(below, currency);
        return $"{currency.Code} amounts are charged in steps of {Plain(step, currency)}, the smallest a card payment in {currency.Code} can move: write {nearest}";
    }

    private static string TooLarge(Currency currency) =>
        $"too large: {currency.Code} prices can be at most {Plain(Largest(currency), currency)}";

    // The most minor units a price of MaxMajor whole units and any fraction can have, down to a whole charge step.
    private static long Largest(Currency currency) => currency.ChargeStepsBelow(((MaxMajor + 1) * currency.MinorPerMajor) - 1);

    private static string Plain(long minor, Currency currency) => MoneyFormatter.FormatPlain(new Money(minor, currency));

    // 12000, 12.5, 12.50, 1.250, 1.2500: a figure the currency can be charged in (12.00 for MGA, charged in whole ariary).
    private static string Example(Currency currency)
    {
        var minor = currency.Exponent switch
        {
            0 => 12_000,
            1 => 125,
            2 => 1250,
            _ => 125 * (currency.MinorPerMajor / 100),
        };
        return Plain(currency.ChargeStepsBelow(minor), currency);
    }
}
