namespace Jamcart.Core;

/// <summary>Writes money for people (₩12,000, $12.50, 12,50 €) and for files (12.50) without floating point.</summary>
public static class MoneyFormatter
{
    // Room for the digits of any long, a separator between each, a decimal part and affixes, without a heap buffer.
    private const int StackBufferLength = 128;

    /// <summary>
    /// Formats for display in <paramref name="locale"/> (an IETF tag such as ko, en-US, de): the culture's separators,
    /// grouping and symbol position, with the currency's own symbol and number of decimals. Unknown locales get English.
    /// </summary>
    public static string Format(Money money, string locale)
    {
        var currency = CurrencyOf(money);
        var culture = MoneyLocale.For(locale);
        var affixes = culture.AffixesFor(currency);
        return money.Minor < 0
            ? Render(money, affixes.NegativePrefix, affixes.NegativeSuffix, culture.DecimalSeparator, culture.GroupSeparator, culture.GroupSizes)
            : Render(money, affixes.PositivePrefix, affixes.PositiveSuffix, culture.DecimalSeparator, culture.GroupSeparator, culture.GroupSizes);
    }

    /// <summary>
    /// Formats as <see cref="MoneyParser"/> reads: invariant, no grouping, exactly the currency's decimals
    /// (12.50, 12000, 1.250). For data such as JSON-LD offers, never for display.
    /// </summary>
    public static string FormatPlain(Money money)
    {
        CurrencyOf(money);
        return Render(money, money.Minor < 0 ? "-" : "", "", ".", "", []);
    }

    private static Currency CurrencyOf(Money money)
    {
        return money.Currency ?? throw new ArgumentException("The amount has no currency (a default Money).", nameof(money));
    }

    private static string Render(Money money, string prefix, string suffix, string decimalSeparator, string groupSeparator, int[] groupSizes)
    {
        var exponent = money.Currency.Exponent;
        var longest = prefix.Length + suffix.Length + exponent + decimalSeparator.Length + (20 * (1 + groupSeparator.Length));
        Span<char> buffer = longest <= StackBufferLength ? stackalloc char[StackBufferLength] : new char[longest];

        // Written right to left, so digits come straight off the integer with % and / and grouping counts from the right.
        var position = buffer.Length;
        Prepend(buffer, ref position, suffix);

        // long.MinValue has no positive long counterpart; its magnitude still fits in a ulong.
        var magnitude = money.Minor < 0 ? (ulong)(-(money.Minor + 1)) + 1 : (ulong)money.Minor;
        var perMajor = (ulong)money.Currency.MinorPerMajor;
        var whole = magnitude / perMajor;
        var fraction = magnitude % perMajor;

        if (exponent > 0)
        {
            for (var i = 0; i < exponent; i++)
            {
                buffer[--position] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }

            Prepend(buffer, ref position, decimalSeparator);
        }

        var sizeIndex = 0;
        var groupSize = groupSizes.Length > 0 ? groupSizes[0] : 0;
        var inGroup = 0;
        do
        {
            if (groupSize > 0 && inGroup == groupSize)
            {
                Prepend(buffer, ref position, groupSeparator);
                inGroup = 0;
                if (sizeIndex < groupSizes.Length - 1)
                {
                    groupSize = groupSizes[++sizeIndex];
                }
            }

            buffer[--position] = (char)('0' + (int)(whole % 10));
            whole /= 10;
            inGroup++;
        }
        while (whole != 0);

        Prepend(buffer, ref position, prefix);
        return new string(buffer[position..]);
    }

    private static void Prepend(Span<char> buffer, ref int position, string text)
    {
        position -= text.Length;
        text.CopyTo(buffer[position..]);
    }
}
