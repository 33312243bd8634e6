using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jamcart.Site;

/// <summary>Parses YAML text into its top-level mapping, turning syntax errors into located diagnostics.</summary>
internal static class YamlDocument
{
    /// <param name="lineOffset">Lines before the YAML starts in its file (1 for front matter after <c>---</c>).</param>
    public static YamlMappingNode? ParseMapping(string text, string path, int lineOffset, DiagnosticBag diagnostics)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            // YamlDotNet wraps the real cause ("did not find expected key") in its inner exception.
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            diagnostics.Error(path, (int)e.Start.Line + lineOffset, (int)e.Start.Column, $"YAML syntax error: {Clean(message)}");
            return null;
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet throws this, without a position, when the text ends inside a flow collection.
            var (line, column) = LastEventPosition(text);
            diagnostics.Error(path, line + lineOffset, column, "YAML syntax error: the text ends inside an unfinished value (an unclosed '[', '{' or quote?)");
            return null;
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return new YamlMappingNode();
        }

        if (stream.Documents[0].RootNode is YamlMappingNode mapping)
        {
            return mapping;
        }

        var root = stream.Documents[0].RootNode;
        diagnostics.Error(path, (int)root.Start.Line + lineOffset, (int)root.Start.Column, "expected 'key: value' settings at the top level");
        return null;
    }

    private static (int Line, int Column) LastEventPosition(string text)
    {
        var parser = new Parser(new StringReader(text));
        var position = (Line: 1, Column: 1);
        try
        {
            while (parser.MoveNext())
            {
                position = ((int)parser.Current!.Start.Line, (int)parser.Current.Start.Column);
            }
        }
        catch (Exception e) when (e is YamlException or InvalidOperationException)
        {
            // The position of the last event that did parse is where the unfinished value starts.
        }

        return position;
    }

    // YamlDotNet messages start with "(Line: 3, Col: 1, Idx: 20) - (…): "; the diagnostic already says where.
    private static string Clean(string message)
    {
        var index = message.LastIndexOf("): ", StringComparison.Ordinal);
        return index >= 0 && message.StartsWith("(Line", StringComparison.Ordinal) ? message[(index + 3)..] : message;
    }
}
