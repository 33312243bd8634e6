namespace Jamcart.Site;

/// <summary>The UI strings that ship with Jamcart (English and Korean), read once from the theme.</summary>
public static class BuiltInStrings
{
    private static readonly Lazy<IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>>> All = new(Load);

    private static readonly Lazy<string[]> Names = new(() =>
        ThemeResources.List("i18n").Select(f => Path.GetFileNameWithoutExtension(f)).ToArray());

    /// <summary>The built-in locales, known from the resource names alone (no parsing).</summary>
    public static IReadOnlyCollection<string> Locales => Names.Value;

    /// <summary>A hash of a built-in locale's text as shipped; zero for a locale Jamcart does not ship.</summary>
    internal static Hash128 TextHash(string locale) => Names.Value.Contains(locale)
        ? InputHash.Of(ThemeResources.ReadBytes("i18n", locale + ".yml"))
        : Hash128.Zero;

    public static IReadOnlyDictionary<string, string>? For(string locale) => All.Value.GetValueOrDefault(locale);

    private static Dictionary<string, IReadOnlyDictionary<string, string>> Load()
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in ThemeResources.List("i18n"))
        {
            var diagnostics = new DiagnosticBag();
            var strings = StringsReader.Read(file, ThemeResources.ReadText("i18n", file), diagnostics)
                ?? throw new InvalidOperationException($"built-in strings {file} are broken: {string.Join("; ", diagnostics.Sorted())}");
            result[Path.GetFileNameWithoutExtension(file)] = strings;
        }

        return result;
    }
}
