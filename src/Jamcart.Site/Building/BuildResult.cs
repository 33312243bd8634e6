namespace Jamcart.Site;

/// <summary>What a build did: its problems, and how many outputs it rendered, wrote, left alone and removed.</summary>
public sealed record BuildResult(
    IReadOnlyList<Diagnostic> Diagnostics,
    int Outputs,
    int Rendered,
    int Written,
    int Removed,
    IReadOnlyList<string> ChangedPaths,
    TimeSpan Elapsed)
{
    public bool Succeeded => Diagnostics.All(d => d.Severity != Severity.Error);

    public int Unchanged => Outputs - Written;

    /// <summary>How long each phase took, for <c>jamcart build --timings</c> and profiling.</summary>
    public IReadOnlyList<(string Phase, TimeSpan Time)> Timings { get; init; } = [];
}
