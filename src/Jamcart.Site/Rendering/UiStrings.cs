using System.IO.Hashing;
using System.Text;

namespace Jamcart.Site;

/// <summary>The UI strings of one locale: the store's overrides over the built-in ones, English as the last resort.</summary>
public sealed class UiStrings
{
    private readonly Lazy<Dictionary<string, string>> _strings;

    public UiStrings(string locale, IReadOnlyDictionary<string, string>? overrides)
    {
        Locale = locale;
        _strings = new(() => Merge(locale, overrides));

        // Hashed from the built-in texts as shipped and the store's own strings, so a build that renders nothing
        // never parses the built-in YAML.
        Hash = new InputHash().Add(BuiltInStrings.TextHash("en")).Add(BuiltInStrings.TextHash(locale)).Add(ComputeHash(overrides)).Value;
    }

    public string Locale { get; }

    /// <summary>A hash of every string, so pages re-render when any text they may show changes.</summary>
    public Hash128 Hash { get; }

    public IReadOnlyDictionary<string, string> All => _strings.Value;

    /// <summary>The text for <paramref name="key"/> with <c>{0}</c>, <c>{1}</c> replaced; the key itself when missing, so a gap shows on the page instead of vanishing.</summary>
    public string Get(string key, params ReadOnlySpan<string> arguments)
    {
        if (!_strings.Value.TryGetValue(key, out var text))
        {
            return key;
        }

        for (var i = 0; i < arguments.Length; i++)
        {
            text = text.Replace($"{{{i}}}", arguments[i], StringComparison.Ordinal);
        }

        return text;
    }

    private static Dictionary<string, string> Merge(string locale, IReadOnlyDictionary<string, string>? overrides)
    {
        var strings = new Dictionary<string, string>(BuiltInStrings.For("en") ?? new Dictionary<string, string>(), StringComparer.Ordinal);
        foreach (var source in new[] { BuiltInStrings.For(locale), overrides })
        {
            foreach (var (key, value) in source ?? new Dictionary<string, string>())
            {
                strings[key] = value;
            }
        }

        return strings;
    }

    private static Hash128 ComputeHash(IReadOnlyDictionary<string, string>? strings)
    {
        var hash = new XxHash128();
        foreach (var (key, value) in (strings ?? new Dictionary<string, string>()).OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            hash.Append(Encoding.UTF8.GetBytes(key));
            hash.Append([0]);
            hash.Append(Encoding.UTF8.GetBytes(value));
            hash.Append([0]);
        }

        return Hash128.Of(hash);
    }
}
