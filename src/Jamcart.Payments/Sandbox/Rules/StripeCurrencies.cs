using System.Collections.Frozen;

namespace Jamcart.Payments.Sandbox.Rules;

/// <summary>
/// The presentment currencies Stripe accepts, with the unit of their <c>amount</c> and their minimum charge, from
/// docs.stripe.com/currencies ("Minimum and maximum charge amounts", zero- and three-decimal lists, special cases).
/// </summary>
/// <remarks>
/// Stripe's minimum depends on the account's settlement currency: a currency in its published table has that figure,
/// any other must "convert to at least 50 cents". The sandbox plays a USD account and converts with the fixed,
/// approximate rates below (late-2025 levels, rounded); a currency without a rate here has a floor of 1 unit. The
/// rates only decide the minimum, so being a few percent off moves a boundary, never a charge.
/// </remarks>
internal static class StripeCurrencies
{
    private static readonly string[] ZeroDecimal =
        ["bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg", "rwf", "vnd", "vuv", "xaf", "xof", "xpf"];

    private static readonly string[] ThreeDecimal = ["bhd", "jod", "kwd", "omr", "tnd"];

    // Zero decimals in ISO 4217, yet Stripe still writes them with two decimals that must be 00.
    private static readonly string[] WholeUnitsInHundredths = ["isk", "ugx"];

    private static readonly string[] Supported =
    [
        "usd", "aed", "afn", "all", "amd", "ang", "aoa", "ars", "aud", "awg", "azn", "bam", "bbd", "bdt", "bgn", "bhd",
        "bif", "bmd", "bnd", "bob", "brl", "bsd", "bwp", "byn", "bzd", "cad", "cdf", "chf", "clp", "cny", "cop", "crc",
        "cve", "czk", "djf", "dkk", "dop", "dzd", "egp", "etb", "eur", "fjd", "fkp", "gbp", "gel", "gip", "gmd", "gnf",
        "gtq", "gyd", "hkd", "hnl", "htg", "huf", "idr", "ils", "inr", "isk", "jmd", "jod", "jpy", "kes", "kgs", "khr",
        "kmf", "krw", "kwd", "kyd", "kzt", "lak", "lbp", "lkr", "lrd", "lsl", "mad", "mdl", "mga", "mkd", "mmk", "mnt",
        "mop", "mur", "mvr", "mwk", "mxn", "myr", "mzn", "nad", "ngn", "nio", "nok", "npr", "nzd", "omr", "pab", "pen",
        "pgk", "php", "pkr", "pln", "pyg", "qar", "ron", "rsd", "rub", "rwf", "sar", "sbd", "scr", "sek", "sgd", "shp",
        "sle", "sos", "srd", "std", "szl", "thb", "tjs", "tnd", "top", "try", "ttd", "twd", "tzs", "uah", "ugx", "uyu",
        "uzs", "vnd", "vuv", "wst", "xaf", "xcd", "xcg", "xof", "xpf", "yer", "zar", "zmw",
    ];

    // Stripe's published minimums, in Stripe's integer for the currency.
    private static readonly Dictionary<string, long> PublishedMinimums = new(StringComparer.Ordinal)
    {
        ["usd"] = 50,
        ["aed"] = 200,
        ["aud"] = 50,
        ["bgn"] = 100,
        ["brl"] = 50,
        ["cad"] = 50,
        ["chf"] = 50,
        ["czk"] = 1500,
        ["dkk"] = 250,
        ["eur"] = 50,
        ["gbp"] = 30,
        ["hkd"] = 400,
        ["huf"] = 17500,
        ["inr"] = 50,
        ["jpy"] = 50,
        ["mxn"] = 1000,
        ["myr"] = 200,
        ["nok"] = 300,
        ["nzd"] = 50,
        ["pln"] = 200,
        ["ron"] = 200,
        ["sek"] = 300,
        ["sgd"] = 50,
        ["thb"] = 1000,
    };

    private static readonly Dictionary<string, decimal> UnitsPerUsd = new(StringComparer.Ordinal)
    {
        ["ars"] = 1400m,
        ["bdt"] = 122m,
        ["bhd"] = 0.376m,
        ["bif"] = 2950m,
        ["clp"] = 950m,
        ["cny"] = 7.1m,
        ["cop"] = 3900m,
        ["crc"] = 505m,
        ["djf"] = 178m,
        ["egp"] = 48m,
        ["gnf"] = 8650m,
        ["idr"] = 16600m,
        ["ils"] = 3.3m,
        ["isk"] = 125m,
        ["jod"] = 0.709m,
        ["kes"] = 129m,
        ["kmf"] = 420m,
        ["krw"] = 1400m,
        ["kwd"] = 0.307m,
        ["kzt"] = 520m,
        ["lkr"] = 300m,
        ["mad"] = 9.2m,
        ["mga"] = 4500m,
        ["ngn"] = 1450m,
        ["omr"] = 0.385m,
        ["pen"] = 3.4m,
        ["php"] = 58m,
        ["pkr"] = 282m,
        ["pyg"] = 7100m,
        ["qar"] = 3.64m,
        ["rub"] = 80m,
        ["rwf"] = 1450m,
        ["sar"] = 3.75m,
        ["tnd"] = 2.95m,
        ["try"] = 42m,
        ["twd"] = 31m,
        ["uah"] = 41.5m,
        ["ugx"] = 3500m,
        ["uyu"] = 40m,
        ["vnd"] = 26300m,
        ["vuv"] = 120m,
        ["xaf"] = 575m,
        ["xof"] = 575m,
        ["xpf"] = 105m,
        ["zar"] = 17.5m,
    };

    private static readonly Dictionary<string, string> Symbols = new(StringComparer.Ordinal)
    {
        ["usd"] = "$",
        ["aud"] = "$",
        ["cad"] = "$",
        ["nzd"] = "$",
        ["sgd"] = "$",
        ["hkd"] = "$",
        ["mxn"] = "$",
        ["eur"] = "€",
        ["gbp"] = "£",
        ["jpy"] = "¥",
        ["cny"] = "¥",
        ["krw"] = "₩",
        ["inr"] = "₹",
        ["thb"] = "฿",
        ["php"] = "₱",
        ["vnd"] = "₫",
        ["ils"] = "₪",
        ["try"] = "₺",
        ["brl"] = "R$",
        ["chf"] = "Fr",
    };

    private static readonly FrozenDictionary<string, StripeCurrency> All = Supported.ToFrozenDictionary(
        code => code,
        code => new StripeCurrency(
            code,
            ExponentOf(code),
            PublishedMinimums.TryGetValue(code, out var minimum) ? minimum : null,
            UnitsPerUsd.TryGetValue(code, out var rate) ? rate : null,
            Symbols.GetValueOrDefault(code, ""),
            ThreeDecimal.Contains(code) ? 10 : WholeUnitsInHundredths.Contains(code) ? 100 : 1),
        StringComparer.Ordinal);

    /// <summary>The currency for a code in any case, or false when Stripe does not accept it.</summary>
    public static bool TryGet(string code, out StripeCurrency currency) =>
        All.TryGetValue(code.ToLowerInvariant(), out currency!);

    /// <summary>Every accepted code, lower case, in Stripe's order (for the "Invalid currency" message).</summary>
    public static IReadOnlyList<string> Codes => Supported;

    private static int ExponentOf(string code) =>
        ZeroDecimal.Contains(code) ? 0 : ThreeDecimal.Contains(code) ? 3 : 2;
}
