using System.Globalization;

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Jamcart.Site;

/// <summary>
/// Typed, located reads of one YAML mapping: each bad value becomes a diagnostic at its own
/// line and column, and keys nobody asked for become "unknown key" warnings.
/// </summary>
internal sealed class YamlFields
{
    private readonly Dictionary<string, YamlNode> _values = new(StringComparer.Ordinal);
    private readonly Dictionary<string, YamlNode> _keys = new(StringComparer.Ordinal);
    private readonly string _path;
    private readonly int _lineOffset;
    private readonly DiagnosticBag _diagnostics;
    private readonly Mark _start;

    public YamlFields(YamlMappingNode node, string path, int lineOffset, DiagnosticBag diagnostics)
    {
        _path = path;
        _lineOffset = lineOffset;
        _diagnostics = diagnostics;
        _start = node.Start;
        foreach (var (key, value) in node.Children)
        {
            var name = key is YamlScalarNode scalar ? scalar.Value ?? "" : key.ToString();
            _values[name] = value;
            _keys[name] = key;
        }
    }

    public bool Has(string key) => _values.ContainsKey(key);

    /// <summary>The mapping's keys, in the order they are written.</summary>
    public IEnumerable<string> Keys => _keys.Keys;

    /// <summary>The node of a key itself (where a warning about the key points), not of its value.</summary>
    public YamlNode? KeyNode(string key) => _keys.GetValueOrDefault(key);

    public void Error(YamlNode? at, string message) =>
        _diagnostics.Error(_path, Line(at), Column(at), message);

    public void Warning(YamlNode? at, string message) =>
        _diagnostics.Warning(_path, Line(at), Column(at), message);

    public int Line(YamlNode? node) => (int)(node?.Start ?? _start).Line + _lineOffset;

    public int Column(YamlNode? node) => (int)(node?.Start ?? _start).Column;

    public YamlNode? Node(string key) => _values.GetValueOrDefault(key);

    public string? String(string key, bool required = false)
    {
        if (!_values.TryGetValue(key, out var node) || IsNull(node))
        {
            if (required)
            {
                Error(null, $"'{key}' is required");
            }

            return null;
        }

        if (node is not YamlScalarNode scalar)
        {
            Error(node, $"'{key}' must be a single value, not a list or a mapping");
            return null;
        }

        var text = scalar.Value?.Trim();
        if (required && string.IsNullOrEmpty(text))
        {
            Error(node, $"'{key}' must not be empty");
            return null;
        }

        return text;
    }

    public long? Integer(string key, long min, long max)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            Error(_values[key], $"'{key}' must be a whole number, not '{text}'");
            return null;
        }

        if (value < min || value > max)
        {
            var rule = value < min && min == 0 ? "cannot be negative" : $"must be between {min} and {max}";
            Error(_values[key], $"'{key}' {rule} (got {value})");
            return null;
        }

        return value;
    }

    public bool? Boolean(string key)
    {
        var text = String(key);
        if (text is null)
        {
            return null;
        }

        switch (text.ToLowerInvariant())
        {
            case "true" or "yes" or "on":
                return true;
            case "false" or "no" or "off":
                return false;
            default:
                Error(_values[key], $"'{key}' must be true or false, not '{text}'");
                return null;
        }
    }

    /// <summary>A list of strings; a single value is taken as a list of one, as authors often write it.</summary>
    public IReadOnlyList<(string Value, YamlNode Node)> StringList(string key)
    {
        if (!_values.TryGetValue(key, out var node) || IsNull(node))
        {
            return [];
        }

        switch (node)
        {
            case YamlScalarNode scalar when !string.IsNullOrWhiteSpace(scalar.Value):
                return [(scalar.Value.Trim(), scalar)];
            case YamlSequenceNode sequence:
                var items = new List<(string, YamlNode)>(sequence.Children.Count);
                foreach (var item in sequence.Children)
                {
                    if (item is YamlScalarNode { Value: { } value } && !string.IsNullOrWhiteSpace(value))
                    {
                        items.Add((value.Trim(), item));
                    }
                    else
                    {
                        Error(item, $"each entry of '{key}' must be a plain text value");
                    }
                }

                return items;
            default:
                Error(node, $"'{key}' must be a list, like [a, b]");
                return [];
        }
    }

    public YamlFields? Mapping(string key)
    {
        if (!_values.TryGetValue(key, out var node) || IsNull(node))
        {
            return null;
        }

        if (node is YamlMappingNode mapping)
        {
            return new YamlFields(mapping, _path, _lineOffset, _diagnostics);
        }

        Error(node, $"'{key}' must be a mapping of settings");
        return null;
    }

    /// <summary>Warns about every key that is not in <paramref name="known"/>, with the nearest known one.</summary>
    public void WarnUnknownKeys(IReadOnlyCollection<string> known, string where)
    {
        foreach (var (name, keyNode) in _keys)
        {
            if (!known.Contains(name))
            {
                Warning(keyNode, $"unknown key '{name}' in {where}{Suggestions.Hint(name, known)}; it is ignored");
            }
        }
    }

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: ScalarStyle.Plain, Value: null or "" or "~" or "null" };
}
