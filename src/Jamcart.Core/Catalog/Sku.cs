using System.Text.RegularExpressions;

namespace Jamcart.Core;

/// <summary>The rules of a stock-keeping unit code.</summary>
public static partial class Sku
{
    /// <summary>The pattern every SKU must match, as written in the documentation.</summary>
    public const string PatternText = "[A-Z0-9][A-Z0-9_-]{0,63}";

    /// <summary>Whether <paramref name="value"/> is a well-formed SKU.</summary>
    public static bool IsValid(string? value) => value is not null && Pattern().IsMatch(value);

    [GeneratedRegex("^" + PatternText + "$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
