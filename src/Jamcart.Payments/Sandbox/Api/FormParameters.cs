using System.Globalization;

using Microsoft.Extensions.Primitives;

namespace Jamcart.Payments.Sandbox.Api;

/// <summary>
/// A request's parameters (form body or query string) read with Stripe's bracket notation, with typed getters that
/// fail the way Stripe fails (<c>parameter_invalid_integer</c>, "Invalid boolean").
/// </summary>
internal sealed class FormParameters
{
    private readonly ParameterNode _root;

    private FormParameters(ParameterNode root, IReadOnlyList<KeyValuePair<string, string>> raw)
    {
        _root = root;
        Raw = raw;
    }

    public static FormParameters Empty { get; } = new(new ParameterNode(), []);

    /// <summary>Every name and value as sent, in order: what idempotency compares.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> Raw { get; }

    public static FormParameters From(IEnumerable<KeyValuePair<string, StringValues>> pairs)
    {
        var root = new ParameterNode();
        var raw = new List<KeyValuePair<string, string>>();
        foreach (var (name, values) in pairs)
        {
            foreach (var value in values)
            {
                raw.Add(new(name, value ?? ""));
                Insert(root, Segments(name), value ?? "");
            }
        }

        return new FormParameters(root, raw);
    }

    /// <summary>The parameters nested under <paramref name="name"/> (<c>card</c> for <c>card[number]</c>), or empty.</summary>
    public FormParameters Nested(string name) =>
        _root.Child(name) is { } node ? new FormParameters(node, []) : Empty;

    /// <summary>A plain value; null when absent.</summary>
    public string? String(string name) => _root.Child(name)?.Value;

    /// <summary>A plain value that, when sent, must not be empty.</summary>
    public string? NonEmptyString(string name, string? param = null)
    {
        var value = String(name);
        return value is "" ? throw StripeErrors.EmptyString(param ?? name) : value;
    }

    public long? Long(string name, string? param = null)
    {
        if (String(name) is not { } value)
        {
            return null;
        }

        if (value.Length == 0)
        {
            throw StripeErrors.EmptyString(param ?? name);
        }

        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw StripeErrors.InvalidInteger(param ?? name, value);
    }

    /// <summary>A boolean; Stripe.net writes <c>True</c>, browsers <c>true</c>, and both are accepted.</summary>
    public bool? Bool(string name)
    {
        if (String(name) is not { } value)
        {
            return null;
        }

        return value.ToLowerInvariant() switch
        {
            "true" => true,
            "false" => false,
            _ => throw StripeErrors.InvalidBoolean(name, value),
        };
    }

    /// <summary>A map such as <c>metadata</c>; keys sent with an empty value are left out, as Stripe unsets them.</summary>
    public IReadOnlyDictionary<string, string> Map(string name)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (_root.Child(name) is { } node)
        {
            foreach (var (key, child) in node.Children)
            {
                if (child.Value is { Length: > 0 } value)
                {
                    map[key] = value;
                }
            }
        }

        return map;
    }

    /// <summary>A list sent as <c>name[]=a&amp;name[]=b</c>, <c>name[0]=a&amp;name[1]=b</c> or a single <c>name=a</c>.</summary>
    public IReadOnlyList<string> List(string name)
    {
        if (_root.Child(name) is not { } node)
        {
            return [];
        }

        var values = node.Items.Select(item => item.Value).OfType<string>().ToList();
        var indexed = node.Children
            .Select(child => (Index: int.TryParse(child.Key, NumberStyles.None, CultureInfo.InvariantCulture, out var i) ? i : -1, child.Value.Value))
            .Where(child => child.Index >= 0 && child.Value is not null)
            .OrderBy(child => child.Index)
            .Select(child => child.Value!);
        values.AddRange(indexed);
        if (values.Count == 0 && node.Value is { Length: > 0 } single)
        {
            values.Add(single);
        }

        return values;
    }

    private static void Insert(ParameterNode root, List<string> segments, string value)
    {
        var node = root;
        for (var i = 0; i < segments.Count; i++)
        {
            var segment = segments[i];
            var last = i == segments.Count - 1;
            if (segment.Length == 0 && i > 0)
            {
                var item = new ParameterNode();
                node.Items.Add(item);
                node = item;
            }
            else
            {
                node = node.GetOrAddChild(segment);
            }

            if (last)
            {
                node.Value = value;
            }
        }
    }

    /// <summary><c>a[b][]</c> → <c>a</c>, <c>b</c>, empty. A name whose brackets do not close is taken whole.</summary>
    private static List<string> Segments(string name)
    {
        var open = name.IndexOf('[', StringComparison.Ordinal);
        if (open <= 0 || !name.EndsWith(']'))
        {
            return [name];
        }

        var segments = new List<string> { name[..open] };
        var rest = name.AsSpan(open);
        while (rest.Length > 0)
        {
            if (rest[0] != '[')
            {
                return [name];
            }

            var close = rest.IndexOf(']');
            if (close < 0)
            {
                return [name];
            }

            segments.Add(rest[1..close].ToString());
            rest = rest[(close + 1)..];
        }

        return segments;
    }
}
