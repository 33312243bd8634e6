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

    private static T? TryParse<T>(ArgumentResult result)
        where T : struct, IBinaryInteger<T>, IMinMaxValue<T>
    {
        var token = result.Tokens.Count == 1 ? result.Tokens[0].Value : string.Join(" ", result.Tokens.Select(t => t.Value));
        if (T.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        var name = result.Parent is OptionResult option ? option.Option.Name : result.Argument.Name;
        result.AddError(BigInteger.TryParse(token, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _)
            ? string.Create(CultureInfo.InvariantCulture, $"{name}: '{token}' is out of range ({T.MinValue} to {T.MaxValue}).")
            : $"{name}: '{token}' is not a whole number.");
        return null;
    }
}
