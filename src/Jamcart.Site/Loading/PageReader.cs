namespace Jamcart.Site;

/// <summary>Reads one <c>pages/*.md</c> file.</summary>
internal static class PageReader
{
    private static readonly string[] Keys = ["title", "description"];

    public static StorePage? Read(string path, string text, Hash128 hash, DiagnosticBag diagnostics)
    {
        var split = FrontMatter.Split(text);
        if (split.Unclosed)
        {
            diagnostics.Error(path, 1, 1, "the front matter is not closed: add a '---' line after it");
            return null;
        }

        if (!split.Found)
        {
            diagnostics.Error(path, 1, 1, "a page starts with YAML front matter between '---' lines, with at least a title");
            return null;
        }

        var mapping = YamlDocument.ParseMapping(split.Yaml, path, 1, diagnostics);
        if (mapping is null)
        {
            return null;
        }

        var fields = new YamlFields(mapping, path, 1, diagnostics);
        fields.WarnUnknownKeys(Keys, "page front matter");
        var title = fields.String("title", required: true);
        var slug = Slugs.From(Path.GetFileNameWithoutExtension(path));
        if (title is null)
        {
            return null;
        }

        if (ReservedSlugs.Contains(slug))
        {
            diagnostics.Error(path, 1, 1, $"a page cannot be called '{slug}': /{slug}/ is one of the shop's own pages");
            return null;
        }

        return new StorePage(slug, title, fields.String("description"), path, split.Body, hash);
    }

    /// <summary>Top-level paths the shop itself publishes, which a plain page must not overwrite.</summary>
    public static readonly HashSet<string> ReservedSlugs = new(StringComparer.Ordinal)
    {
        "products", "categories", "cart", "checkout", "order", "assets", "api", "404",
    };
}
