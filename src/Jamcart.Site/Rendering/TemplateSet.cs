using System.Collections.Concurrent;
using System.Text.RegularExpressions;

using Fluid;

namespace Jamcart.Site;

/// <summary>
/// The effective templates of a store: the default theme with the store's overrides on top, with a hash per
/// template covering everything it includes, so an edit re-renders only the pages that use it. Templates are
/// parsed when first rendered: a build with nothing to render never pays for the parser.
/// </summary>
internal sealed partial class TemplateSet
{
    public const string Layout = "layout";

    private static readonly Lazy<FluidParser> Parser = new(() => new FluidParser(new FluidParserOptions { AllowFunctions = false }));

    private readonly ConcurrentDictionary<string, Lazy<IFluidTemplate>> _parsed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Hash128> _closureHashes = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _overrides;

    public TemplateSet(IReadOnlyDictionary<string, string> overrides)
    {
        _overrides = overrides;
        var sources = ThemeResources.List("templates")
            .Where(n => n.EndsWith(".liquid", StringComparison.Ordinal))
            .ToDictionary(n => n[..^".liquid".Length], n => ThemeResources.ReadText("templates", n), StringComparer.Ordinal);
        foreach (var (name, text) in overrides)
        {
            sources[name] = text;
        }

        Sources = sources;
        foreach (var name in sources.Keys)
        {
            _closureHashes[name] = ClosureHash(name);
        }
    }

    /// <summary>Template texts by name, for the file provider behind <c>render</c> and <c>include</c>.</summary>
    public IReadOnlyDictionary<string, string> Sources { get; }

    /// <summary>
    /// Parses the store's own templates and reports those that do not parse. A text that parsed in an earlier
    /// build (its hash is in <paramref name="knownGood"/>) is not parsed again here.
    /// </summary>
    public IReadOnlyCollection<Hash128> Validate(IReadOnlySet<Hash128> knownGood, DiagnosticBag diagnostics)
    {
        var good = new List<Hash128>();
        foreach (var (name, text) in _overrides)
        {
            var hash = InputHash.Of(text);
            if (knownGood.Contains(hash))
            {
                good.Add(hash);
                continue;
            }

            if (Parser.Value.TryParse(text, out var template, out var error))
            {
                _parsed[name] = new Lazy<IFluidTemplate>(template);
                good.Add(hash);
                continue;
            }

            var (line, column, message) = Locate(error);
            diagnostics.Error($"templates/{name}.liquid", line, column, $"template does not parse: {message}");
        }

        return good;
    }

    public IFluidTemplate Get(string name) => _parsed.GetOrAdd(name, n => new Lazy<IFluidTemplate>(() => Parse(n))).Value;

    /// <summary>A hash of the template and every template it renders or includes, transitively.</summary>
    public Hash128 HashOf(string name) => _closureHashes.GetValueOrDefault(name);

    private IFluidTemplate Parse(string name)
    {
        if (!Sources.TryGetValue(name, out var text))
        {
            throw new InvalidOperationException($"template '{name}' is missing");
        }

        return Parser.Value.TryParse(text, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"template '{name}' does not parse: {error}");
    }

    private Hash128 ClosureHash(string name)
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
