using System.Text.RegularExpressions;

namespace Jamcart.Site;

/// <summary>
/// Finds where in a template's text a problem met while rendering is written, as <c>line:column</c> (1-based, columns
/// in characters as Fluid counts them in its parse errors).
/// </summary>
/// <remarks>
/// <para>
/// Fluid keeps no source positions: its parse errors carry a line and column, but the statements and expressions it
/// renders do not, and a filter is handed only the input, its arguments and the context. Two ways were open. One is to
/// record positions while parsing, which means declaring Fluid's filter grammar again around its protected parsers
/// (bound to one Fluid version) and wrapping every filter call so it says which it is as it runs (work on every
/// successful render). The other, taken here: while rendering, only the name of the template being rendered is kept
/// (<see cref="NamedTemplate"/>); once a page has failed, the call is found by reading that one template's text.
/// </para>
/// <para>
/// The text is read as Liquid reads it: only inside <c>{{ … }}</c> and <c>{% … %}</c> (quoted strings respected), with
/// <c>raw</c> and <c>comment</c> blocks and <c># …</c> comments skipped. A call whose input is a quoted literal equal to
/// the refused input is certain, and the position is that literal's. An input from a variable or another filter
/// cannot be matched by its value: the position is then the filter name of the first call of that filter whose input
/// is not a literal, which is exact whenever the template calls the filter that way once.
/// </para>
/// </remarks>
internal static partial class TemplateSource
{
    /// <summary>A position in a template's text.</summary>
    public readonly record struct Position(int Line, int Column);

    /// <summary>Where <c>input | filter</c> is written in <paramref name="text"/>; null when no call of the filter is.</summary>
    public static Position? FilterCall(string text, string filter, string input)
    {
        int? firstComputed = null;
        int? firstAny = null;
        foreach (var (start, end) in Markup(text))
        {
            for (var match = FilterPipe().Match(text, start, end - start); match.Success; match = match.NextMatch())
            {
                var name = match.Groups["name"];
                if (!string.Equals(name.Value, filter, StringComparison.Ordinal))
                {
                    continue;
                }

                firstAny ??= name.Index;
                if (LiteralBefore(text, start, match.Index) is not { } literal)
                {
                    firstComputed ??= name.Index;
                }
                else if (string.Equals(literal.Value, input, StringComparison.Ordinal))
                {
                    return At(text, literal.Open);
                }
            }
        }

        return (firstComputed ?? firstAny) is { } offset ? At(text, offset) : null;
    }

    /// <summary>
    /// Where the first <c>{% render %}</c> or <c>{% include %}</c> tag of <paramref name="text"/> that <paramref name="matches"/>
    /// is written, at its template name; the name is given without <c>.liquid</c>, and null when it is not a literal.
    /// </summary>
    public static Position? RenderTag(string text, Func<string?, bool> matches)
    {
        foreach (var (start, end) in Markup(text))
        {
            var match = RenderTagStart().Match(text, start, end - start);
            if (!match.Success)
            {
                continue;
            }

            var literal = match.Groups["name"];
            var name = literal.Success ? TemplateSet.NameOf(literal.Value) : null;
            if (matches(name))
            {
                return At(text, literal.Success ? literal.Index - 1 : match.Groups["tag"].Index);
            }
        }

        return null;
    }

    /// <summary>The line and column of an offset in the text.</summary>
    public static Position At(string text, int offset)
    {
        var line = 1;
        var lineStart = 0;
        for (var i = text.IndexOf('\n'); i >= 0 && i < offset; i = text.IndexOf('\n', i + 1))
        {
            line++;
            lineStart = i + 1;
        }

        return new Position(line, offset - lineStart + 1);
    }

    /// <summary>The string literal, its opening quote's offset and its value, that is the whole input of the filter at <paramref name="pipe"/>, if one is.</summary>
    private static (int Open, string Value)? LiteralBefore(string text, int start, int pipe)
    {
        var close = pipe - 1;
        while (close >= start && char.IsWhiteSpace(text[close]))
        {
            close--;
        }

        if (close <= start || text[close] is not ('\'' or '"'))
        {
            return null;
        }

        var open = text.LastIndexOf(text[close], close - 1, close - start);
        if (open < start)
        {
            return null;
        }

        // A literal after ':' or ',' is an argument of an earlier filter, whose result, not the literal, is the input.
        var before = open - 1;
        while (before >= start && char.IsWhiteSpace(text[before]))
        {
            before--;
        }

        return before >= start && text[before] is (':' or ',') ? null : (open, text[(open + 1)..close]);
    }

    /// <summary>The inside of every Liquid tag and output of the text, as (start, end) offsets, in order.</summary>
    private static IEnumerable<(int Start, int End)> Markup(string text)
    {
        var i = 0;
        while (i < text.Length - 1)
        {
            var open = text.IndexOf('{', i);
            if (open < 0 || open + 1 >= text.Length)
            {
                yield break;
            }

            var kind = text[open + 1];
            if (kind is not ('{' or '%'))
            {
                i = open + 1;
                continue;
            }

            var start = open + 2;
            var end = CloseOf(text, start, kind == '{' ? '}' : '%');
            i = end + 2;
            if (kind == '%')
            {
                var tag = TagName().Match(text, start, end - start);
                var name = tag.Success ? tag.Groups["name"].Value : "";
                if (name.StartsWith('#'))
                {
                    continue;
                }

                if (name is "raw" or "comment")
                {
                    var after = (name == "raw" ? EndRaw() : EndComment()).Match(text, Math.Min(i, text.Length));
                    i = after.Success ? after.Index + after.Length : text.Length;
                    continue;
                }
            }

            yield return (start, end);
        }
    }

    /// <summary>The offset of the <c>}}</c> or <c>%}</c> that closes markup opened before <paramref name="start"/>, quotes respected.</summary>
    private static int CloseOf(string text, int start, char closer)
    {
        var quote = '\0';
        for (var i = start; i < text.Length - 1; i++)
        {
            var c = text[i];
            if (quote != '\0')
            {
                quote = c == quote ? '\0' : quote;
            }
            else if (c is '\'' or '"')
            {
                quote = c;
            }
            else if (c == closer && text[i + 1] == '}')
            {
                return i;
            }
        }

        return text.Length;
    }

    [GeneratedRegex(@"\|\s*(?<name>[A-Za-z_][\w\-?]*)")]
    private static partial Regex FilterPipe();

    [GeneratedRegex(@"\G-?\s*(?<name>#|[A-Za-z_]\w*)")]
    private static partial Regex TagName();

    [GeneratedRegex(@"\{%-?\s*endraw\s*-?%\}")]
    private static partial Regex EndRaw();

    [GeneratedRegex(@"\{%-?\s*endcomment\s*-?%\}")]
    private static partial Regex EndComment();

    [GeneratedRegex(@"\G-?\s*(?<tag>render|include)\b\s*(?:(?<q>['""])(?<name>[^'""]*)\k<q>)?")]
    private static partial Regex RenderTagStart();
}
