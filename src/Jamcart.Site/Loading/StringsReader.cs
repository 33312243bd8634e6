using YamlDotNet.RepresentationModel;

namespace Jamcart.Site;

/// <summary>Reads an <c>i18n/*.yml</c> file of flat <c>key: text</c> pairs.</summary>
internal static class StringsReader
{
    public static Dictionary<string, string>? Read(string path, string text, DiagnosticBag diagnostics)
    {
        var mapping = YamlDocument.ParseMapping(text, path, 0, diagnostics);
        if (mapping is null)
        {
            return null;
        }

        var strings = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in mapping.Children)
        {
            if (key is YamlScalarNode { Value: { } name } && value is YamlScalarNode { Value: { } content })
            {
                strings[name] = content;
            }
            else
            {
                diagnostics.Error(path, (int)value.Start.Line, (int)value.Start.Column, "UI strings are flat 'key: text' pairs, like cart.title: \"Cart\"");
            }
        }

        return strings;
    }
}
