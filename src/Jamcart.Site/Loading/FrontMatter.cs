namespace Jamcart.Site;

/// <summary>A Markdown file split into its YAML front matter and its body.</summary>
internal readonly record struct FrontMatter(string Yaml, string Body, bool Found, int BodyLine, bool Unclosed = false)
{
    /// <summary>
    /// Splits at the <c>---</c> fences. The YAML starts on line 2 of the file, so YAML line numbers
    /// are shifted by one to point into the file.
    /// </summary>
    public static FrontMatter Split(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        if (!text.StartsWith("---", StringComparison.Ordinal) || !IsFenceLine(text, 0))
        {
            return new FrontMatter("", text, false, 1);
        }

        var yamlStart = LineEnd(text, 0);
        var line = 2;
        for (var position = yamlStart; position < text.Length; position = LineEnd(text, position), line++)
        {
            if ((text.AsSpan(position).StartsWith("---") || text.AsSpan(position).StartsWith("...")) && IsFenceLine(text, position))
            {
                var bodyStart = LineEnd(text, position);
                return new FrontMatter(text[yamlStart..position], text[bodyStart..], true, line + 1);
            }
        }

        return new FrontMatter(text[yamlStart..], "", true, line, Unclosed: true);
    }

    private static bool IsFenceLine(string text, int start)
    {
        var end = start + 3;
        while (end < text.Length && text[end] is ' ' or '\t')
        {
            end++;
        }

        return end == text.Length || text[end] is '\n' or '\r';
    }

    private static int LineEnd(string text, int start)
    {
        var newline = text.IndexOf('\n', start);
        return newline < 0 ? text.Length : newline + 1;
    }
}
