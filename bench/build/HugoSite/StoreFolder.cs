using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace Jamcart.Bench.HugoSite;

/// <summary>A Jamcart store folder as the converter needs it: settings, products and plain pages, in file-name order.</summary>
internal sealed record StoreFolder(
    StoreSettings Settings,
    IReadOnlyList<(MarkdownFile File, ProductFrontMatter Product)> Products,
    IReadOnlyList<(MarkdownFile File, PageFrontMatter Page)> Pages,
    string? AssetsRoot)
{
    public static StoreFolder Read(string root)
    {
        var settings = NewDeserializer().Deserialize<StoreSettings>(File.ReadAllText(Path.Combine(root, "jamcart.yml")));
        var products = ReadAll<ProductFrontMatter>(Path.Combine(root, "products"));
        var pages = ReadAll<PageFrontMatter>(Path.Combine(root, "pages"));
        var assets = Path.Combine(root, "assets");
        return new StoreFolder(settings, products, pages, Directory.Exists(assets) ? assets : null);
    }

    private static List<(MarkdownFile, T)> ReadAll<T>(string folder)
    {
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var paths = Directory.GetFiles(folder, "*.md").Order(StringComparer.Ordinal).ToArray();
        var read = new (MarkdownFile, T)[paths.Length];
        // YamlDotNet's deserializer keeps caches that are not documented as thread-safe: one per worker.
        Parallel.For(0, paths.Length, NewDeserializer, (i, _, deserializer) =>
        {
            var file = MarkdownFile.Read(paths[i]);
            read[i] = (file, deserializer.Deserialize<T>(file.Yaml));
            return deserializer;
        }, _ => { });
        return [.. read];
    }

    private static IDeserializer NewDeserializer() => new DeserializerBuilder()
        .WithNamingConvention(CamelCaseNamingConvention.Instance)
        .IgnoreUnmatchedProperties()
        .Build();
}
