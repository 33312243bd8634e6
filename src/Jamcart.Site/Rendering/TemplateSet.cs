using System.Text.RegularExpressions;
using Fluid;

namespace Jamcart.Site;

/// <summary>
/// The effective templates of a store: the default theme with the store's overrides on top, parsed once,
/// with a hash per template covering everything it includes, so an edit re-renders only the pages that use it.
/// </summary>
internal sealed partial class TemplateSet
{
    public const string Layout = "layout";

    private readonly Dictionary<string, IFluidTemplate> _parsed;
    private readonly Dictionary<string, UInt128> _closureHashes = new(StringComparer.Ordinal);

    private TemplateSet(Dictionary<string, string> sources, Dictionary<string, IFluidTemplate> parsed)
    {
        Sources = sources;
        _parsed = parsed;
        foreach (var name in sources.Keys)
        {
            _closureHashes[name] = ClosureHash(name);
        }
    }

    /// <summary>Template texts by name, for the file provider behind <c>render</c> and <c>include</c>.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    public static TemplateSet Compile(FluidParser parser, IReadOnlyDictionary<string, string> overrides, DiagnosticBag diagnostics)
    {
        var sources = ThemeResources.List("templates")
            .Where(n => n.EndsWith(".liquid", StringComparison.Ordinal))
            .ToDictionary(n => n[..^".liquid".Length], n => ThemeResources.ReadText("templates", n), StringComparer.Ordinal);
        foreach (var (name, text) in overrides)
        {
            sources[name] = text;
        }

        var parsed = new Dictionary<string, IFluidTemplate>(StringComparer.Ordinal);
        foreach (var (name, text) in sources)
        {
            if (parser.TryParse(text, out var template, out var error))
            {
                parsed[name] = template;
                continue;
            }

            var path = overrides.ContainsKey(name) ? $"templates/{name}.liquid" : $"(default theme) {name}.liquid";
            var (line, column, message) = Locate(error);
            diagnostics.Error(path, line, column, $"template does not parse: {message}");
        }

        return new TemplateSet(sources, parsed);
    }

    public IFluidTemplate Get(string name) => _parsed.TryGetValue(name, out var template)
        ? template
        : throw new InvalidOperationException($"template '{name}' is missing");

    public bool Has(string name) => _parsed.ContainsKey(name);

    /// <summary>A hash of the template and every template it renders or includes, transitively.</summary>
    public UInt128 HashOf(string name) => _closureHashes.GetValueOrDefault(name);

    private UInt128 ClosureHash(string name)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([name]);
        while (pending.TryPop(out var current))
        {
            if (!seen.Add(current) || !Sources.TryGetValue(current, out var text))
            {
                continue;
            }

            foreach (Match match in Reference().Matches(text))
            {
                pending.Push(match.Groups["name"].Value);
            }
        }

        var hash = new InputHash();
        foreach (var item in seen)
        {
            hash.Add(item).Add(Sources.GetValueOrDefault(item));
        }

        return hash.Value;
    }

    // Fluid reports "… at (line:column)"; pull the position out so the diagnostic points at it.
    private static (int Line, int Column, string Message) Locate(string error)
    {
        var match = Position().Match(error);
        return match.Success
            ? (int.Parse(match.Groups["line"].Value, System.Globalization.CultureInfo.InvariantCulture),
               int.Parse(match.Groups["column"].Value, System.Globalization.CultureInfo.InvariantCulture),
               error.Replace(match.Value, "", StringComparison.Ordinal).Trim())
            : (1, 1, error);
    }

    [GeneratedRegex(@"\{%-?\s*(?:render|include)\s+['""](?<name>[^'""]+)['""]")]
    private static partial Regex Reference();

    [GeneratedRegex(@"\s*at \((?<line>\d+):(?<column>\d+)\)")]
    private static partial Regex Position();
}
