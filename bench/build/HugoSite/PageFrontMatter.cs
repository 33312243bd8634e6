namespace Jamcart.Bench.HugoSite;

/// <summary>A plain page's front matter (<c>pages/*.md</c>).</summary>
internal sealed class PageFrontMatter
{
    public string Title { get; set; } = "";
    public string? Description { get; set; }
}
