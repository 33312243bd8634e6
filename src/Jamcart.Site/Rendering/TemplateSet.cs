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
    private readonly ConcurrentDictionary<(string Template, string Filter, string Input), TemplateSource.Position> _filterCalls = new();
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
                _parsed[name] = new Lazy<IFluidTemplate>(new NamedTemplate(name, template));
                good.Add(hash);
                continue;
            }

            var (line, column, message) = ParsePosition(error);
            diagnostics.Error($"templates/{name}.liquid", line, column, $"template does not parse: {message}");
        }

        return good;
    }

    public IFluidTemplate Get(string name) => _parsed.GetOrAdd(name, n => new Lazy<IFluidTemplate>(() => Parse(n))).Value;

    /// <summary>A hash of the template and every template it renders or includes, transitively.</summary>
    public Hash128 HashOf(string name) => _closureHashes.GetValueOrDefault(name);

    private NamedTemplate Parse(string name)
    {
        if (!Sources.TryGetValue(name, out var text))
        {
            throw new InvalidOperationException($"template '{name}' is missing");
        }

        return Parser.Value.TryParse(text, out var template, out var error)
            ? new NamedTemplate(name, template)
            : throw new InvalidOperationException($"template '{name}' does not parse: {error}");
    }

    /// <summary>The template's name from a path Fluid asks for (<c>/product-card.liquid</c>, <c>product-card</c>).</summary>
    public static string NameOf(string path)
    {
        var name = path.TrimStart('/');
        return name.EndsWith(".liquid", StringComparison.Ordinal) ? name[..^".liquid".Length] : name;
    }

    /// <summary>Where a filter's problem is written: the template's file, line and column of the call (see <see cref="TemplateSource"/>).</summary>
    public RenderProblem Locate(RenderError error)
    {
        if (error.Template is not { } name || !Sources.TryGetValue(name, out var text))
        {
            return new RenderProblem(null, 1, 1, error.Message);
        }

        // Once per template, filter and input: a template line that fails fails on every page that renders it.
        var position = _filterCalls.GetOrAdd((name, error.Filter, error.Input),
            static (key, text) => TemplateSource.FilterCall(text, key.Filter, key.Input) ?? new TemplateSource.Position(1, 1), text);
        return At(name, position, error.Message);
    }

    /// <summary>
    /// Where an exception Fluid threw while rendering <paramref name="template"/> (the innermost template rendering,
    /// <see cref="RenderState.Template"/>) comes from: a partial that does not exist at the tag that names it, the recursion
    /// limit at the tag that renders its way back to this template, anything else at the template's first line.
    /// </summary>
    public RenderProblem Locate(string? template, Exception exception)
    {
        if (template is null || !Sources.TryGetValue(template, out var text))
        {
            return new RenderProblem(null, 1, 1, $"rendering failed: {exception.Message}");
        }

        var first = new TemplateSource.Position(1, 1);
        switch (exception)
        {
            case FileNotFoundException missing:
                var partial = NameOf(missing.FileName ?? missing.Message);
                var tag = TemplateSource.RenderTag(text, name => name == partial) ?? TemplateSource.RenderTag(text, name => name is null);
                return At(template, tag ?? first, $"template '{partial}' does not exist: expected templates/{partial}.liquid");
            case InvalidOperationException:
                var cycle = TemplateSource.RenderTag(text, name => name is null || Closure(name).Contains(template));
                return At(template, cycle ?? first, $"rendering failed: {exception.Message}");
            default:
                return At(template, first, $"rendering failed: {exception.Message}");
        }
    }

    // Store templates are reported where the store has them; a default theme's template, which no store file holds, is
    // named where the store would put its copy, and says so.
    private RenderProblem At(string name, TemplateSource.Position position, string message) => new(
        $"templates/{name}.liquid", position.Line, position.Column,
        _overrides.ContainsKey(name) ? message : $"{message} (in the default theme's {name}.liquid)");

    /// <summary>The template and every template it renders or includes, transitively.</summary>
    private SortedSet<string> Closure(string name)
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

        return seen;
    }

    private Hash128 ClosureHash(string name)
    {
        var seen = Closure(name);
        var hash = new InputHash();
        foreach (var item in seen)
        {
            hash.Add(item).Add(Sources.GetValueOrDefault(item));
        }

        return hash.Value;
    }

    // Fluid reports "… at (line:column)"; pull the position out so the diagnostic points at it.
    private static (int Line, int Column, string Message) ParsePosition(string error)
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
