namespace Jamcart.Bench.HugoSite;

/// <summary>The Hugo layouts and strings embedded in this tool, written into a site folder.</summary>
internal static class ThemeFiles
{
    private const string Prefix = "theme/";

    public static void WriteTo(string siteRoot)
    {
        var assembly = typeof(ThemeFiles).Assembly;
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(Prefix, StringComparison.Ordinal)))
        {
            var target = Path.Combine(siteRoot, name[Prefix.Length..]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            using var source = assembly.GetManifestResourceStream(name)!;
            using var file = File.Create(target);
            source.CopyTo(file);
        }
    }
}
