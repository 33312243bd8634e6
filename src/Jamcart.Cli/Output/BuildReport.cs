using System.Globalization;

using Jamcart.Site;

using Spectre.Console;

namespace Jamcart.Cli.Output;

/// <summary>Prints a build's problems (as path:line:column, one a line) and its one-line summary.</summary>
internal static class BuildReport
{
    public static void Diagnostics(BuildResult result, string storeRoot)
    {
        Problems(result.Diagnostics, storeRoot);

        var errors = result.Diagnostics.Count(d => d.Severity == Severity.Error);
        if (errors > 0)
        {
            var warnings = result.Diagnostics.Count - errors;
            Terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"build failed: {errors} error{(errors == 1 ? "" : "s")}{(warnings > 0 ? $", {warnings} warning{(warnings == 1 ? "" : "s")}" : "")}"));
        }
    }

    /// <summary>Each problem as <c>path:line:column: error: message</c>, its path from where the command runs.</summary>
    public static void Problems(IEnumerable<Diagnostic> problems, string storeRoot)
    {
        var prefix = StorePrefix(storeRoot);
        foreach (var diagnostic in problems)
        {
            Terminal.Error.WriteLine(diagnostic.Format(prefix));
        }
    }

    public static void Summary(BuildResult result, string outputRoot)
    {
        var rendered = result.Rendered.ToString("N0", CultureInfo.InvariantCulture);
        var written = result.Written.ToString("N0", CultureInfo.InvariantCulture);
        var unchanged = result.Unchanged.ToString("N0", CultureInfo.InvariantCulture);
        var removed = result.Removed.ToString("N0", CultureInfo.InvariantCulture);
        var time = result.Elapsed.TotalMilliseconds.ToString("N0", CultureInfo.InvariantCulture);
        Terminal.Out.MarkupLine(
            $"[green]built[/] {Markup.Escape(Relative(outputRoot))}: {rendered} rendered, {written} written, {unchanged} unchanged, {removed} removed in {time} ms");
    }

    /// <summary>One line on what the build copied to the store database; nothing when it changed nothing.</summary>
    public static void CatalogSync(Checkout.Catalog.CatalogSyncResult result)
    {
        if (result.Added.Count + result.Changed.Count + result.Removed.Count == 0)
        {
            return;
        }

        Terminal.Out.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"[green]synced[/] catalog: {result.Added.Count} added (stock seeded), {result.Changed.Count} changed, {result.Removed.Count} removed"));
    }

    public static void Timings(BuildResult result)
    {
        foreach (var (phase, time) in result.Timings)
        {
            Terminal.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {phase,-18} {time.TotalMilliseconds,8:F1} ms"));
        }
    }

    /// <summary>The store folder relative to where the command runs, so printed paths open in an editor from here.</summary>
    private static string StorePrefix(string storeRoot)
    {
        var relative = Relative(storeRoot);
        return relative is "." or "" ? "" : relative.TrimEnd('/') + "/";
    }

    private static string Relative(string path) => Path.GetRelativePath(Environment.CurrentDirectory, Path.GetFullPath(path));
}
