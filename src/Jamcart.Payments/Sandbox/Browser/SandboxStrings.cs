using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Jamcart.Payments.Sandbox.Browser;

/// <summary>
/// The words of the sandbox's card field, 3-D Secure pages and <c>sandbox.js</c>, one file per language
/// (<c>Sandbox/Web/i18n/&lt;language&gt;.json</c>). The shop's page passes its locale, as with Stripe.js's <c>locale</c>
/// option; a language without a file, and any key a file lacks, fall back to English.
/// </summary>
internal static class SandboxStrings
{
    public const string DefaultLanguage = "en";

    private const string Prefix = "sandbox/i18n/";

    private const string CardErrorPrefix = "card.error.";

    private static readonly FrozenDictionary<string, FrozenDictionary<string, string>> ByLanguage = Load();

    private static readonly Lazy<string> ScriptTable = new(() => Json(writer =>
    {
        writer.WriteStartObject();
        foreach (var (language, strings) in ByLanguage.OrderBy(language => language.Key, StringComparer.Ordinal))
        {
            writer.WritePropertyName(language);
            WriteObject(writer, strings.Where(entry => entry.Key.StartsWith("script.", StringComparison.Ordinal)));
        }

        writer.WriteEndObject();
    }));

    /// <summary>Every language with a file: <c>en</c>, <c>ko</c>, …</summary>
    public static IEnumerable<string> Languages => ByLanguage.Keys;

    /// <summary>
    /// The language with a file that best fits a locale such as <c>ko</c>, <c>ko-KR</c> or <c>en_US</c>: the whole tag,
    /// else its language; English when neither has one.
    /// </summary>
    public static string LanguageOf(string? locale)
    {
        var tag = (locale ?? "").Trim().Replace('_', '-').ToLowerInvariant();
        if (ByLanguage.ContainsKey(tag))
        {
            return tag;
        }

        var language = tag.Split('-')[0];
        return ByLanguage.ContainsKey(language) ? language : DefaultLanguage;
    }

    /// <summary>The strings of <paramref name="language"/> (see <see cref="LanguageOf"/>), English where it has none.</summary>
    public static IReadOnlyDictionary<string, string> For(string language) =>
        ByLanguage.GetValueOrDefault(language) ?? ByLanguage[DefaultLanguage];

    /// <summary>
    /// The string for <paramref name="key"/> with <c>{0}</c>, <c>{1}</c>… replaced by <paramref name="values"/>.
    /// </summary>
    public static string Format(string language, string key, params string[] values)
    {
        var text = For(language)[key];
        for (var i = 0; i < values.Length; i++)
        {
            text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", values[i], StringComparison.Ordinal);
        }

        return text;
    }

    /// <summary>The card field's messages in a language, by error code (<c>card.error.</c> keys), as a JSON object.</summary>
    public static string CardErrorsJson(string language) => Json(writer => WriteObject(writer,
        For(language).Where(entry => entry.Key.StartsWith(CardErrorPrefix, StringComparison.Ordinal))
            .Select(entry => KeyValuePair.Create(entry.Key[CardErrorPrefix.Length..], entry.Value))));

    /// <summary>The <c>script.</c> strings of every language, <c>{"en": {…}, "ko": {…}}</c>, safe to put in a script.</summary>
    public static string ScriptJson => ScriptTable.Value;

    private static FrozenDictionary<string, FrozenDictionary<string, string>> Load()
    {
        var assembly = typeof(SandboxStrings).Assembly;
        var languages = new Dictionary<string, FrozenDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(name => name.StartsWith(Prefix, StringComparison.Ordinal) && name.EndsWith(".json", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var document = JsonDocument.Parse(stream);
            languages[name[Prefix.Length..^".json".Length]] = document.RootElement.EnumerateObject()
                .ToFrozenDictionary(property => property.Name, property => property.Value.GetString() ?? "", StringComparer.Ordinal);
        }

        if (!languages.TryGetValue(DefaultLanguage, out var english))
        {
            throw new InvalidOperationException($"The sandbox's strings '{Prefix}{DefaultLanguage}.json' are not embedded in the assembly.");
        }

        // Every language answers every key: what a translation lacks is said in English.
        return languages.ToFrozenDictionary(
            language => language.Key,
            language => english.Concat(language.Value).GroupBy(entry => entry.Key).ToFrozenDictionary(group => group.Key, group => group.Last().Value, StringComparer.Ordinal),
            StringComparer.Ordinal);
    }

    // Written with the writer rather than serialized: no reflection, and the default encoder escapes <, > and & (and all
    // but ASCII), so the text is safe inside a script or an HTML attribute.
    private static string Json(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Encoder = JavaScriptEncoder.Default }))
        {
            write(writer);
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteObject(Utf8JsonWriter writer, IEnumerable<KeyValuePair<string, string>> entries)
    {
        writer.WriteStartObject();
        foreach (var (name, value) in entries.OrderBy(entry => entry.Key, StringComparer.Ordinal))
        {
            writer.WriteString(name, value);
        }

        writer.WriteEndObject();
    }
}
