using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Jamcart.Cli.Parsing;

/// <summary>
/// Parsers for whole-number options and arguments whose error says what the value should be, where the command
/// line library's own names a .NET type (<c>System.Nullable`1[System.Int64]</c>).
/// </summary>
internal static class WholeNumbers
{
    public static T Parse<T>(ArgumentResult result)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        TryParse<T>(result) ?? T.Zero;

    public static T? ParseOptional<T>(ArgumentResult result)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        TryParse<T>(result);

    /// <summary>
    /// The parser of a value the admin API takes as a number (<c>--limit</c>, <c>--amount</c>, <c>on-hand</c>): plain
    /// decimal digits and nothing else, as the API reads them, so that a value taken here is taken there and the
    /// reverse (<c>+5</c>, <c>-5</c>, <c>1,000</c> or spaces around it are refused by both). The error names the option
    /// and the range from the use case's own constants; a value of digits outside it is left for the use case to
    /// refuse, as the API leaves it, with the same words.
    /// </summary>
    /// <param name="max">The largest value the use case takes, or null when that depends on the order (a refund's amount).</param>
    public static Func<ArgumentResult, T?> Digits<T>(T min, T? max)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T> =>
        result =>
        {
            var token = TokenOf(result);
            if (T.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return value;
            }

            var name = NameOf(result);
            var range = max is { } most
                ? string.Create(CultureInfo.InvariantCulture, $"{min} to {most}")
                : string.Create(CultureInfo.InvariantCulture, $"{min} or more");
            result.AddError(token.Length > 0 && token.All(char.IsAsciiDigit)
                ? $"{name}: '{token}' is out of range ({range})."
                : $"{name}: '{token}' is not a whole number {(max is null ? "of " : "from ")}{range} written in plain digits (0-9).");
            return null;
        };

    private static T? TryParse<T>(ArgumentResult result)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var token = TokenOf(result);
        if (T.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var name = NameOf(result);
        result.AddError(BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: '{token}' is out of range ({T.MinValue} to {T.MaxValue}).")
            : $"{name}: '{token}' is not a whole number.");
        return null;
    }

    private static string TokenOf(ArgumentResult result) =>
        result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));

    /// <summary>The option's name (<c>--limit</c>) or the argument's (<c>on-hand</c>), as the user typed it.</summary>
    private static string NameOf(ArgumentResult result) =>
        result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
}
