using YamlDotNet.RepresentationModel;

namespace Jamcart.Site;

/// <summary>
/// The locale blocks of a product's front matter (<c>en:</c> with <c>title</c>, <c>summary</c> and <c>description</c>):
/// its text in each locale the store is built in besides the default, whose text is the product's own.
/// </summary>
internal static class LocaleBlocks
{
    public static readonly string[] Keys = ["title", "summary", "description"];

    /// <summary>
    /// Reads and checks every top-level mapping that is not one of <paramref name="productKeys"/> as a locale block,
    /// warning about those of a locale the store is not built in; returns the keys it took, so they are not also
    /// reported as unknown, and the title and summary of each block.
    /// </summary>
    /// <param name="locales">The store's locales, the default first; null when the configuration is broken.</param>
    public static IReadOnlyDictionary<string, ProductText> Read(YamlFields fields, IReadOnlyList<string>? locales, IReadOnlyCollection<string> productKeys, out List<string> taken)
    {
        var texts = new Dictionary<string, ProductText>(StringComparer.Ordinal);
        taken = [];
        foreach (var key in fields.Keys)
        {
            if (productKeys.Contains(key) || fields.Node(key) is not YamlMappingNode)
            {
                continue;
            }

            taken.Add(key);
            if (locales is null)
            {
                continue;
            }

            var at = fields.KeyNode(key);
            if (key == locales[0])
            {
                fields.Warning(at, $"'{key}' is the default locale: its text is the product's own title, summary and description; this block is ignored");
                continue;
            }

            if (!locales.Contains(key))
            {
                fields.Warning(at, $"'{key}' is not one of the locales this store is built in ({string.Join(", ", locales)}): add it to 'locales' in jamcart.yml, or this block is ignored");
                continue;
            }

            var block = fields.Mapping(key)!;
            foreach (var name in block.Keys.Where(name => productKeys.Contains(name) && !Keys.Contains(name)))
            {
                block.Warning(block.KeyNode(name), $"'{name}' is the same in every locale: set it once, above the locale blocks; it is ignored here");
            }

            block.WarnUnknownKeys(Keys.Concat(productKeys).ToList(), $"the '{key}' text");
            CheckDescription(block);
            var text = new ProductText(NonEmpty(block.String("title")), NonEmpty(block.String("summary")));
            if (text.Title is not null || text.Summary is not null)
            {
                texts[key] = text;
            }
        }

        return texts;
    }

    /// <summary>The descriptions of the locale blocks of an already checked front matter, for <see cref="ProductDescriptions"/>.</summary>
    public static Dictionary<string, string> Descriptions(YamlMappingNode frontMatter, IReadOnlyList<string>? locales)
    {
        var descriptions = new Dictionary<string, string>(StringComparer.Ordinal);
        if (locales is null || locales.Count < 2)
        {
            return descriptions;
        }

        foreach (var (key, value) in frontMatter.Children)
        {
            if (key is YamlScalarNode { Value: { } locale } && locale != locales[0] && locales.Contains(locale)
                && value is YamlMappingNode block && block.Children.TryGetValue(new YamlScalarNode("description"), out var node)
                && node is YamlScalarNode { Value: { } description } && !string.IsNullOrWhiteSpace(description))
            {
                descriptions[locale] = description;
            }
        }

        return descriptions;
    }

    /// <summary>
    /// The descriptions of a product file that was checked by an earlier build (its parse kept, its text not): read again
    /// only when its page is rendered, as its body is.
    /// </summary>
    public static ProductDescriptions Reread(string text, IReadOnlyList<string>? locales)
    {
        var split = FrontMatter.Split(text);
        if (locales is null || locales.Count < 2)
        {
            return new ProductDescriptions(split.Body, EmptyDescriptions);
        }

        var mapping = YamlDocument.ParseMapping(split.Yaml, "", 1, new DiagnosticBag());
        return new ProductDescriptions(split.Body, mapping is null ? EmptyDescriptions : Descriptions(mapping, locales));
    }

    public static readonly IReadOnlyDictionary<string, string> EmptyDescriptions = new Dictionary<string, string>(StringComparer.Ordinal);

    // The description is Markdown, read untrimmed (a leading indented code block keeps its spaces), so only its kind is checked here.
    private static void CheckDescription(YamlFields block)
    {
        if (block.Node("description") is { } node and not YamlScalarNode)
        {
            block.Error(node, "'description' must be a single value, not a list or a mapping: write it as Markdown after 'description: |'");
        }
    }

    private static string? NonEmpty(string? text) => string.IsNullOrEmpty(text) ? null : text;
}
