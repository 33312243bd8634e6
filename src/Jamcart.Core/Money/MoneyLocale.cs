using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Jamcart.Core;

/// <summary>The parts of a culture's currency format that <see cref="MoneyFormatter"/> uses, looked up once per locale.</summary>
internal sealed class MoneyLocale
{
    // Locales come from site configuration, so there are few; the cap keeps a stream of odd tags from growing the cache.
    private const int MaxCached = 256;

    // .NET's currency patterns, indexed by NumberFormatInfo.CurrencyPositivePattern and CurrencyNegativePattern.
    private static readonly string[] PositivePatterns = ["$n", "n$", "$ n", "n $"];

    // The accounting patterns 0, 4, 14 and 15 put a negative amount in parentheses; a storefront shows a minus
    // sign instead (a refund of -$12.50), so those entries hold the minus-sign form of the same layout.
    private static readonly string[] NegativePatterns =
    [
        "-$n", "-$n", "$-n", "$n-", "-n$", "-n$", "n-$", "n$-", "-n $", "-$ n", "n $-", "$ n-", "$ -n", "n- $", "-$ n", "-n $", "$- n",
    ];

    private static readonly ConcurrentDictionary<string, MoneyLocale> Cache = new(StringComparer.Ordinal);

    private static readonly MoneyLocale English = new(CultureInfo.GetCultureInfo("en").NumberFormat);

    private readonly string _positivePattern;
    private readonly string _negativePattern;
    private readonly string _negativeSign;

    // Filled on first use per currency. A race only builds equal affixes twice; reference writes are atomic.
    private readonly MoneyAffixes?[] _affixes = new MoneyAffixes?[Currency.All.Count];

    private MoneyLocale(NumberFormatInfo format)
    {
        GroupSeparator = format.CurrencyGroupSeparator;
        DecimalSeparator = format.CurrencyDecimalSeparator;
        GroupSizes = format.CurrencyGroupSizes;
        _negativeSign = format.NegativeSign;
        _positivePattern = PositivePatterns[Math.Clamp(format.CurrencyPositivePattern, 0, PositivePatterns.Length - 1)];
        _negativePattern = NegativePatterns[Math.Clamp(format.CurrencyNegativePattern, 0, NegativePatterns.Length - 1)];
    }

    public string GroupSeparator { get; }

    public string DecimalSeparator { get; }

    /// <summary>Digits per group from the right; the last size repeats, and a last size of 0 stops grouping.</summary>
    public int[] GroupSizes { get; }

    /// <summary>The format for an IETF language tag; unknown, invalid or empty tags get English.</summary>
    public static MoneyLocale For(string? locale)
    {
        if (locale is null)
        {
            return English;
        }

        if (Cache.TryGetValue(locale, out var cached))
        {
            return cached;
        }

        var resolved = Resolve(locale);
        if (Cache.Count < MaxCached)
        {
            Cache.TryAdd(locale, resolved);
        }

        return resolved;
    }

    public MoneyAffixes AffixesFor(Currency currency)
    {
        return _affixes[currency.Index] ??= new MoneyAffixes(
            Prefix(_positivePattern, currency),
            Suffix(_positivePattern, currency),
            Prefix(_negativePattern, currency),
            Suffix(_negativePattern, currency));
    }

    private static MoneyLocale Resolve(string locale)
    {
        if (string.IsNullOrWhiteSpace(locale) || locale.Equals("en", StringComparison.OrdinalIgnoreCase))
        {
            return English;
        }

        CultureInfo culture;
        try
        {
            // predefinedOnly: otherwise ICU invents a culture with root data for any well-formed tag ("xx-YY"),
            // and some malformed tags make GetCultureInfo throw NullReferenceException instead of CultureNotFoundException.
            culture = CultureInfo.GetCultureInfo(locale, predefinedOnly: true);
        }
        catch (CultureNotFoundException)
        {
            return English;
        }

        // Tags such as "und" or "x-bad" resolve to the invariant culture, whose currency format suits no reader.
        return culture.Name.Length == 0 ? English : new MoneyLocale(culture.NumberFormat);
    }

    private string Prefix(string pattern, Currency currency) => Expand(pattern.AsSpan(0, pattern.IndexOf('n')), currency, beforeNumber: true);

    private string Suffix(string pattern, Currency currency) => Expand(pattern.AsSpan(pattern.IndexOf('n') + 1), currency, beforeNumber: false);

    private string Expand(ReadOnlySpan<char> part, Currency currency, bool beforeNumber)
    {
        var text = new StringBuilder();
        for (var i = 0; i < part.Length; i++)
        {
            switch (part[i])
            {
                case '$' when currency.Symbol is { } symbol:
                    text.Append(symbol);
                    break;
                case '$':
                    // A code needs a space between it and the digits ("KWD 1.250", not "KWD1.250"),
                    // where a symbol such as $ sits right against them.
                    var towardNumber = beforeNumber ? i + 1 : i - 1;
                    var spaced = towardNumber >= 0 && towardNumber < part.Length && part[towardNumber] == ' ';
                    text.Append(!beforeNumber && !spaced ? " " : "")
                        .Append(currency.Code)
                        .Append(beforeNumber && !spaced ? " " : "");
                    break;
                case '-':
                    text.Append(_negativeSign);
                    break;
                default:
                    text.Append(part[i]);
                    break;
            }
        }

        return text.ToString();
    }
}
