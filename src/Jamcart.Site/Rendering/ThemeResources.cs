using System.Reflection;
using System.Text;

namespace Jamcart.Site;

/// <summary>The default theme embedded in this assembly: templates, assets and UI strings.</summary>
internal static class ThemeResources
{
    private static readonly Assembly Assembly = typeof(ThemeResources).Assembly;

    /// <summary>Resource names under a folder of the theme (templates/, assets/, i18n/), relative to it.</summary>
    public static IEnumerable<string> List(string folder)
    {
        var prefix = $"theme/{folder}/";
        return Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal))
            .Select(n => n[prefix.Length..])
            .Order(StringComparer.Ordinal);
    }

    public static byte[] ReadBytes(string folder, string name)
    {
        using var stream = Assembly.GetManifestResourceStream($"theme/{folder}/{name}")
            ?? throw new InvalidOperationException($"theme resource {folder}/{name} is missing from the build");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }

    public static string ReadText(string folder, string name) =>
        Encoding.UTF8.GetString(ReadBytes(folder, name)).Replace("\r\n", "\n", StringComparison.Ordinal);
}
