using System.Collections.Concurrent;

namespace Jamcart.Site;

/// <summary>Collects every problem of a load or build, so one run reports them all at once.</summary>
public sealed class DiagnosticBag
{
    private readonly ConcurrentQueue<Diagnostic> _items = new();
    private int _errors;

    public void Error(string path, int line, int column, string message) =>
        Add(new Diagnostic(path, Math.Max(line, 1), Math.Max(column, 1), Severity.Error, message));

    public void Warning(string path, int line, int column, string message) =>
        _items.Enqueue(new Diagnostic(path, Math.Max(line, 1), Math.Max(column, 1), Severity.Warning, message));

    public void Add(Diagnostic diagnostic)
    {
        if (diagnostic.Severity == Severity.Error)
        {
            Interlocked.Increment(ref _errors);
        }

        _items.Enqueue(diagnostic);
    }

    public IEnumerable<Diagnostic> Items => _items;

    public bool HasErrors => Volatile.Read(ref _errors) > 0;

    public bool IsEmpty => _items.IsEmpty;

    /// <summary>All diagnostics in a stable order (path, line, column), whatever thread found them.</summary>
    public IReadOnlyList<Diagnostic> Sorted() => _items
        .OrderBy(d => d.Path, StringComparer.Ordinal)
        .ThenBy(d => d.Line)
        .ThenBy(d => d.Column)
        .ThenBy(d => d.Message, StringComparer.Ordinal)
        .ToList();
}
