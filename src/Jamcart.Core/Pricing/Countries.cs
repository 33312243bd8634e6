using System.Collections.Frozen;

namespace Jamcart.Core;

/// <summary>ISO 3166-1 alpha-2 country codes, and which countries address mail without a postal code.</summary>
public static class Countries
{
    // The 249 officially assigned codes of ISO 3166-1 (ISO 3166 Maintenance Agency, 2024). Exceptionally reserved
    // codes (UK, EU, AC…) are left out: no carrier delivers to them by that name.
    private const string Assigned =
        "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ " +
        "BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ " +
        "CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ " +
        "DE DJ DK DM DO DZ " +
        "EC EE EG EH ER ES ET " +
        "FI FJ FK FM FO FR " +
        "GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY " +
        "HK HM HN HR HT HU " +
        "ID IE IL IM IN IO IQ IR IS IT " +
        "JE JM JO JP " +
        "KE KG KH KI KM KN KP KR KW KY KZ " +
        "LA LB LC LI LK LR LS LT LU LV LY " +
        "MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ " +
        "NA NC NE NF NG NI NL NO NP NR NU NZ " +
        "OM " +
        "PA PE PF PG PH PK PL PM PN PR PS PT PW PY " +
        "QA " +
        "RE RO RS RU RW " +
        "SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ " +
        "TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ " +
        "UA UG UM US UY UZ " +
        "VA VC VE VG VI VN VU " +
        "WF WS " +
        "YE YT " +
        "ZA ZM ZW";

    // Countries whose addresses carry no postal code, after the address formats of the Universal Postal Union and
    // Google's libaddressinput. Ireland has Eircodes, but many addresses are still written and delivered without
    // one, so it is optional there rather than required.
    private const string WithoutPostalCodes =
        "AE AG AO AW BF BI BJ BO BS BW BZ CD CF CG CI CK CM DJ DM ER FJ GD GH GM GQ GY HK IE KI KM KN KP " +
        "ML MO MR MW NR NU QA RW SB SC SL SR SS ST SY TD TF TG TK TL TO TT TV UG VU YE ZW";

    private static readonly FrozenSet<string> Codes = Split(Assigned);
    private static readonly FrozenSet<string> NoPostalCode = Split(WithoutPostalCodes);

    /// <summary>How many codes the table holds (249), for the tests.</summary>
    public static int Count => Codes.Count;

    /// <summary>Whether <paramref name="code"/> is an assigned alpha-2 code, written in capitals.</summary>
    public static bool IsAssigned(string code) => Codes.Contains(code);

    /// <summary>Whether addresses in the country need a postal code.</summary>
    public static bool UsesPostalCodes(string code) => !NoPostalCode.Contains(code);

    private static FrozenSet<string> Split(string codes) =>
        codes.Split(' ', StringSplitOptions.RemoveEmptyEntries).ToFrozenSet(StringComparer.Ordinal);
}
