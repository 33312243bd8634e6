namespace Jamcart.Site;

/// <summary>One HTML output the build may render: where it goes, the hash of what it reads, its template and how to render it.</summary>
internal sealed record PageJob(string Path, Hash128 InputHash, string Template, Func<ValueTask<RenderedPage>> Render);
