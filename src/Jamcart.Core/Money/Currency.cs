using System.Collections.Frozen;
using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;

namespace Jamcart.Core;

/// <summary>An ISO 4217 currency: its code, the digits of its minor unit, and the symbol prices are shown with.</summary>
public sealed class Currency : IEquatable<Currency>
{
    private static readonly Currency[] Table = CurrencyTable.Create();

    // Ordinal, not culture-aware: "usd" matches USD, but no locale's casing rules (Turkish dotless ı) or
    // look-alike letters can make another string match a code.
    private static readonly FrozenDictionary<string, Currency> ByCode =
        Table.ToFrozenDictionary(currency => currency.Code, StringComparer.OrdinalIgnoreCase);

    public static readonly Currency KRW = Get("KRW");
    public static readonly Currency USD = Get("USD");
    public static readonly Currency EUR = Get("EUR");
    public static readonly Currency JPY = Get("JPY");
    public static readonly Currency GBP = Get("GBP");
    public static readonly Currency KWD = Get("KWD");

    internal Currency(string code, int exponent, string? symbol, int index, long chargeStep = 1)
    {
        Code = code;
        Exponent = exponent;
        Symbol = symbol;
        MinorPerMajor = PowerOfTen(exponent);
        Index = index;
        ChargeStep = chargeStep;
    }

    /// <summary>The ISO 4217 alphabetic code, upper-case (KRW, USD).</summary>
    public string Code { get; }

    /// <summary>How many decimal digits the minor unit has: 0 for KRW, 2 for USD, 3 for KWD.</summary>
    public int Exponent { get; }

    /// <summary>The display symbol (₩, $, €), or null when no symbol names this currency alone.</summary>
    public string? Symbol { get; }

    /// <summary>Minor units in one major unit: 1 for KRW, 100 for USD, 1000 for KWD.</summary>
    public long MinorPerMajor { get; }

    /// <summary>
    /// The minor units a card payment in this currency can be made in: every charge and refund is a multiple of it.
    /// 10 for BHD, JOD, KWD, OMR and TND (the last digit must be 0), 100 for MGA (whole ariary), 1 for the rest.
    /// </summary>
    public long ChargeStep { get; }

    /// <summary>Whether a card payment can be made of exactly this many minor units (a multiple of <see cref="ChargeStep"/>).</summary>
    public bool IsWholeChargeSteps(long minor) => minor % ChargeStep == 0;

    /// <summary><paramref name="minor"/> (zero or more) rounded down to whole <see cref="ChargeStep"/>s, in minor units.</summary>
    public long ChargeStepsBelow(long minor) => minor - (minor % ChargeStep);

    /// <summary>Position in the table, so formatters can cache per currency in an array instead of a dictionary.</summary>
    internal int Index { get; }

    /// <summary>Every currency Jamcart knows, ordered by code.</summary>
    public static IReadOnlyCollection<Currency> All { get; } = new ReadOnlyCollection<Currency>(Table);

    /// <summary>The currency with this code (any letter case).</summary>
    /// <exception cref="ArgumentException">The code is not an ISO 4217 currency Jamcart knows.</exception>
    public static Currency Get(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return TryGet(code, out var currency)
            ? currency
            : throw new ArgumentException($"'{code}' is not an ISO 4217 currency code (like KRW, USD or EUR).", nameof(code));
    }

    /// <summary>Finds the currency with this code (any letter case); false for null or unknown codes.</summary>
    public static bool TryGet(string? code, [MaybeNullWhen(false)] out Currency currency)
    {
        currency = null;
        return code is not null && ByCode.TryGetValue(code, out currency);
    }

    public bool Equals(Currency? other) => other is not null && string.Equals(Code, other.Code, StringComparison.Ordinal);

    public override bool Equals(object? obj) => Equals(obj as Currency);

    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Code);

    public override string ToString() => Code;

    public static bool operator ==(Currency? left, Currency? right) => left?.Equals(right) ?? right is null;

    public static bool operator !=(Currency? left, Currency? right) => !(left == right);

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
