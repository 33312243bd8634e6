namespace Jamcart.Core;

/// <summary>The ISO 4217 currencies Jamcart can price in, with their minor-unit digits and display symbols.</summary>
/// <remarks>
/// Source: ISO 4217 List One (SIX, 2024-06-25 publication) plus the amendments after it. Exponents follow ISO, not
/// CLDR: CLDR shows AFN, ALL, IRR, IQD, LAK, LBP, MMK, RSD, SOS, SYP and YER without decimals, but ISO (and so
/// every amount a payment provider reports) counts their minor units. Codes whose minor unit ISO gives as "N.A."
/// are left out because nothing can be priced in them: precious metals (XAU, XAG, XPD, XPT), XDR, XSU, XUA, the
/// bond-market units XBA to XBD, XTS (testing) and XXX (no currency).
/// A symbol is set only where it is common and names one currency; the rest display their code.
/// The charge steps are the card provider's, not ISO's: see <see cref="ChargeSteps"/>.
/// </remarks>
internal static class CurrencyTable
{
    /// <summary>
    /// Currencies that card payments move in coarser steps than their ISO minor unit, in minor units; every other
    /// currency's step is 1.
    /// </summary>
    /// <remarks>
    /// Source: docs.stripe.com/currencies. Stripe takes the five three-decimal currencies in PaymentIntents, refunds and
    /// disputes only when the last digit is 0 (5.124 KWD is charged as 5.120 or 5.130), for its card partners'
    /// sake, and refuses anything else as <c>invalid_charge_amount</c>. It charges MGA in whole ariary (a zero-decimal
    /// currency there), so an ISO amount with hundredths cannot be charged at all. ISK and UGX have no ISO minor unit
    /// to step over, and HUF and TWD are charged with two decimals (their whole-unit rule is for payouts), so they
    /// are not here.
    /// </remarks>
    private static readonly Dictionary<string, long> ChargeSteps = new(StringComparer.Ordinal)
    {
        ["BHD"] = 10,
        ["JOD"] = 10,
        ["KWD"] = 10,
        ["OMR"] = 10,
        ["TND"] = 10,
        ["MGA"] = 100,
    };

    internal static Currency[] Create()
    {
        (string Code, int Exponent, string? Symbol)[] rows =
        [
            ("AED", 2, null),
            ("AFN", 2, null),
            ("ALL", 2, null),
            ("AMD", 2, null),
            // Replaced by XCG on 2025-03-31; kept while ISO still lists it for the changeover.
            ("ANG", 2, null),
            ("AOA", 2, null),
            ("ARS", 2, null),
            ("AUD", 2, "A$"),
            ("AWG", 2, null),
            ("AZN", 2, "₼"),
            ("BAM", 2, null),
            ("BBD", 2, null),
            ("BDT", 2, null),
            // Bulgaria adopted the euro on 2026-01-01; kept while ISO still lists it for the changeover.
            ("BGN", 2, null),
            ("BHD", 3, null),
            ("BIF", 0, null),
            ("BMD", 2, null),
            ("BND", 2, null),
            ("BOB", 2, null),
            ("BOV", 2, null),
            ("BRL", 2, "R$"),
            ("BSD", 2, null),
            ("BTN", 2, null),
            ("BWP", 2, null),
            ("BYN", 2, null),
            ("BZD", 2, null),
            ("CAD", 2, "CA$"),
            ("CDF", 2, null),
            ("CHE", 2, null),
            ("CHF", 2, null),
            ("CHW", 2, null),
            ("CLF", 4, null),
            ("CLP", 0, null),
            // "CN¥", not "¥", so that a yuan price is never read as yen.
            ("CNY", 2, "CN¥"),
            ("COP", 2, null),
            ("COU", 2, null),
            ("CRC", 2, "₡"),
            ("CUC", 2, null),
            ("CUP", 2, null),
            ("CVE", 2, null),
            ("CZK", 2, null),
            ("DJF", 0, null),
            ("DKK", 2, null),
            ("DOP", 2, null),
            ("DZD", 2, null),
            ("EGP", 2, null),
            ("ERN", 2, null),
            ("ETB", 2, null),
            ("EUR", 2, "€"),
            ("FJD", 2, null),
            ("FKP", 2, null),
            ("GBP", 2, "£"),
            ("GEL", 2, "₾"),
            ("GHS", 2, null),
            ("GIP", 2, null),
            ("GMD", 2, null),
            ("GNF", 0, null),
            ("GTQ", 2, null),
            ("GYD", 2, null),
            ("HKD", 2, "HK$"),
            ("HNL", 2, null),
            ("HTG", 2, null),
            ("HUF", 2, null),
            ("IDR", 2, null),
            ("ILS", 2, "₪"),
            ("INR", 2, "₹"),
            ("IQD", 3, null),
            ("IRR", 2, null),
            ("ISK", 0, null),
            ("JMD", 2, null),
            ("JOD", 3, null),
            ("JPY", 0, "¥"),
            ("KES", 2, null),
            ("KGS", 2, null),
            ("KHR", 2, null),
            ("KMF", 0, null),
            ("KPW", 2, null),
            ("KRW", 0, "₩"),
            ("KWD", 3, null),
            ("KYD", 2, null),
            ("KZT", 2, "₸"),
            ("LAK", 2, null),
            ("LBP", 2, null),
            ("LKR", 2, null),
            ("LRD", 2, null),
            ("LSL", 2, null),
            ("LYD", 3, null),
            ("MAD", 2, null),
            ("MDL", 2, null),
            // ISO gives 2 although one ariary is five iraimbilanja; Stripe treats MGA as zero-decimal, so an
            // adapter for it must convert.
            ("MGA", 2, null),
            ("MKD", 2, null),
            ("MMK", 2, null),
            ("MNT", 2, null),
            ("MOP", 2, null),
            ("MRU", 2, null),
            ("MUR", 2, null),
            ("MVR", 2, null),
            ("MWK", 2, null),
            ("MXN", 2, "MX$"),
            ("MXV", 2, null),
            ("MYR", 2, null),
            ("MZN", 2, null),
            ("NAD", 2, null),
            ("NGN", 2, "₦"),
            ("NIO", 2, null),
            ("NOK", 2, null),
            ("NPR", 2, null),
            ("NZD", 2, "NZ$"),
            ("OMR", 3, null),
            ("PAB", 2, null),
            ("PEN", 2, null),
            ("PGK", 2, null),
            ("PHP", 2, "₱"),
            ("PKR", 2, null),
            ("PLN", 2, null),
            ("PYG", 0, "₲"),
            ("QAR", 2, null),
            ("RON", 2, null),
            ("RSD", 2, null),
            ("RUB", 2, "₽"),
            ("RWF", 0, null),
            ("SAR", 2, null),
            ("SBD", 2, null),
            ("SCR", 2, null),
            ("SDG", 2, null),
            ("SEK", 2, null),
            ("SGD", 2, null),
            ("SHP", 2, null),
            ("SLE", 2, null),
            ("SOS", 2, null),
            ("SRD", 2, null),
            ("SSP", 2, null),
            ("STN", 2, null),
            ("SVC", 2, null),
            ("SYP", 2, null),
            ("SZL", 2, null),
            ("THB", 2, "฿"),
            ("TJS", 2, null),
            ("TMT", 2, null),
            ("TND", 3, null),
            ("TOP", 2, null),
            ("TRY", 2, "₺"),
            ("TTD", 2, null),
            ("TWD", 2, "NT$"),
            ("TZS", 2, null),
            ("UAH", 2, "₴"),
            ("UGX", 0, null),
            ("USD", 2, "$"),
            ("USN", 2, null),
            ("UYI", 0, null),
            ("UYU", 2, null),
            ("UYW", 4, null),
            ("UZS", 2, null),
            ("VED", 2, null),
            ("VES", 2, null),
            ("VND", 0, "₫"),
            ("VUV", 0, null),
            ("WST", 2, null),
            ("XAF", 0, null),
            ("XCD", 2, "EC$"),
            ("XCG", 2, null),
            ("XOF", 0, null),
            ("XPF", 0, null),
            ("YER", 2, null),
            ("ZAR", 2, null),
            ("ZMW", 2, null),
            ("ZWG", 2, null),
        ];

        var currencies = new Currency[rows.Length];
        for (var i = 0; i < rows.Length; i++)
        {
            var step = ChargeSteps.GetValueOrDefault(rows[i].Code, 1);
            currencies[i] = new Currency(rows[i].Code, rows[i].Exponent, rows[i].Symbol, i, step);
        }

        return currencies;
    }
}
