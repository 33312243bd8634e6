namespace Jamcart.Core;

/// <summary>What goes before and after the digits of a price in one locale and currency ("-$" and "", or "-" and " €").</summary>
internal sealed record MoneyAffixes(string PositivePrefix, string PositiveSuffix, string NegativePrefix, string NegativeSuffix);
