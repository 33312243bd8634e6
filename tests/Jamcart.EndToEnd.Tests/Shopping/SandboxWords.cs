using System.Globalization;
using System.Text.Json;

using Jamcart.EndToEnd.Tests.Hosting;

namespace Jamcart.EndToEnd.Tests.Shopping;

/// <summary>
/// The words of the sandbox's card field and 3-D Secure page in one language, read from the sandbox's own string
/// files, so a test finds the card number field by the label the buyer sees on a page in that language.
/// </summary>
internal sealed class SandboxWords
{
    private readonly Dictionary<string, string> _strings;

    private SandboxWords(string language)
    {
        var file = Path.Combine(RepositoryFiles.Root, "src", "Jamcart.Payments", "Sandbox", "Web", "i18n", language + ".json");
        _strings = JsonSerializer.Deserialize<Dictionary<string, string>>(File.ReadAllText(file))!;
    }

    public static SandboxWords Korean { get; } = new("ko");

    public static SandboxWords English { get; } = new("en");

    public static SandboxWords In(string language) => language == "ko" ? Korean : English;

    /// <summary>The string for <paramref name="key"/> with {0}, {1}… filled in.</summary>
    public string this[string key, params object[] values]
    {
        get
        {
            var text = _strings.TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"no sandbox string '{key}'");
            for (var i = 0; i < values.Length; i++)
            {
                text = text.Replace("{" + i.ToString(CultureInfo.InvariantCulture) + "}", Convert.ToString(values[i], CultureInfo.InvariantCulture), StringComparison.Ordinal);
            }

            return text;
        }
    }
}
