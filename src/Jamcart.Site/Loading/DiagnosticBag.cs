using System.Collections.Concurrent;

namespace Jamcart.Site;

/// <summary>Collects every problem of a load or build, so one run reports them all at once.</summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();

    public void Error(string path, int line, int column, string message) =>
        _items.Enqueue(new Diagnostic(path, Math.Max(line, 1), Math.Max(column, 1), Severity.Error, message));

    public void Warning(string path, int line, int column, string message) =>
        _items.Enqueue(new Diagnostic(path, Math.Max(line, 1), Math.Max(column, 1), Severity.Warning, message));

    public void Add(Diagnostic diagnostic) => _items.Enqueue(diagnostic);

    public IEnumerable<Diagnostic> Items => _items;

    public bool HasErrors => _items.Any(d => d.Severity == Severity.Error);

    /// <summary>All diagnostics in a stable order (path, line, column), whatever thread found them.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => _items
        .OrderBy(d => d.Path, StringComparer.Ordinal)
        .ThenBy(d => d.Line)
        .ThenBy(d => d.Column)
        .ThenBy(d => d.Message, StringComparer.Ordinal)
        .ToList();
}
