namespace Jamcart.Site;

/// <summary>A plain page (about, terms) from <c>pages/*.md</c>.</summary>
public sealed record StorePage(string Slug, string Title, string? Description, string SourcePath, string Markdown, Hash128 SourceHash);
