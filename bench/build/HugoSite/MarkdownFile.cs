namespace Jamcart.Bench.HugoSite;

/// <summary>A Markdown file of the store: its name without extension, its front matter as YAML, and its body.</summary>
internal sealed record MarkdownFile(string Stem, string Yaml, string Body)
{
    public static MarkdownFile Read(string path)
    {
        var text = File.ReadAllText(path).Replace("\r\n", "\n", StringComparison.Ordinal);
        var stem = Path.GetFileNameWithoutExtension(path);
        if (!text.StartsWith("---\n", StringComparison.Ordinal))
        {
            return new MarkdownFile(stem, "", text);
        }

        var close = text.IndexOf("\n---", 3, StringComparison.Ordinal);
        if (close < 0)
        {
            return new MarkdownFile(stem, text[4..], "");
        }

        var bodyStart = text.IndexOf('\n', close + 4);
        return new MarkdownFile(stem, text[4..(close + 1)], bodyStart < 0 ? "" : text[(bodyStart + 1)..]);
    }
}
