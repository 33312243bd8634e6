namespace Jamcart.Site;

/// <summary>
/// A problem a page's templates ran into, at a store-relative template path (<c>templates/layout.liquid</c>), line and
/// column; with no path when no template was rendering, and then it is the page's own.
/// </summary>
internal sealed record RenderProblem(string? Path, int Line, int Column, string Message);
