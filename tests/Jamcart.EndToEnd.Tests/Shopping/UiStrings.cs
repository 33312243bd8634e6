using System.Globalization;
using System.Text.RegularExpressions;

using Jamcart.EndToEnd.Tests.Hosting;

namespace Jamcart.EndToEnd.Tests.Shopping;

/// <summary>
/// The words a buyer sees in one locale: the default theme's strings with the tea shop's overrides, read from the
/// same files the build reads, so a test finds a button by the name the page gives it in that language.
/// </summary>
internal sealed partial class UiStrings
{
    private readonly Dictionary<string, string> _strings = new(StringComparer.Ordinal);

    private UiStrings(string locale)
    {
        Locale = locale;
        foreach (var file in new[]
        {
            Path.Combine(RepositoryFiles.Root, "src", "Jamcart.Site", "Theme", "i18n", locale + ".yml"),
            Path.Combine(RepositoryFiles.TeaShop, "i18n", locale + ".yml"),
        })
        {
            foreach (var line in File.ReadLines(file))
            {
                if (Entry().Match(line) is { Success: true } entry)
                {
                    _strings[entry.Groups["key"].Value] = entry.Groups["value"].Value.Replace("\\\"", "\"", StringComparison.Ordinal);
                }
            }
        }
    }

    public static UiStrings Korean { get; } = new("ko");

    public static UiStrings English { get; } = new("en");

    public string Locale { get; }

    /// <summary>The string for <paramref name="key"/> with {0}, {1}… filled in, as the <c>t</c> filter does.</summary>
    public string this[string key, params object[] values]
    {
        get
        {
            var text = _strings.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no UI string '{key}' in {Locale}");
            for (var i = 0; i < values.Length; i++)
            {
                text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", Convert.ToString(values[i], CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            return text;
        }
    }

    /// <summary>The string for <paramref name="key"/> as a pattern in which each placeholder matches any text.</summary>
    public Regex Pattern(string key) =>
        new("^" + string.Join(".+", Placeholder().Split(this[key]).Select(Regex.Escape)) + "$");

    [GeneratedRegex("""^(?<key>[A-Za-z0-9_.]+):\s*"(?<value>(?:[^"\\]|\\.)*)"\s*$""")]
    private static partial Regex Entry();

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex Placeholder();
}
