namespace Jamcart.Site;

/// <summary>What one render of a loaded store did, and the manifest that now describes the output folder.</summary>
internal sealed record RenderOutcome(BuildManifest Manifest, int Rendered, IReadOnlyList<string> ChangedPaths, int Removed)
{
    public BuildResult ToResult(DiagnosticBag diagnostics, TimeSpan elapsed, BuildTimings timings) =>
        new(diagnostics.Sorted(), Manifest.Entries.Count, Rendered, ChangedPaths.Count - Removed, Removed, ChangedPaths, elapsed)
        {
            Timings = timings.Phases,
        };
}
