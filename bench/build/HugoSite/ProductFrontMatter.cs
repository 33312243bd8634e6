namespace Jamcart.Bench.HugoSite;

/// <summary>A product file's front matter, bound by YamlDotNet; the store is assumed valid (<c>jamcart build</c> checks it).</summary>
internal sealed class ProductFrontMatter
{
    public string Sku { get; set; } = "";
    public string Title { get; set; } = "";

    // Kept as written: Hugo gets the same digits Jamcart parses, with no float rounding on the way.
    public string Price { get; set; } = "";
    public long Stock { get; set; }
    public List<string> Categories { get; init; } = [];
    public List<string> Images { get; init; } = [];
    public string? Summary { get; set; }
    public int Weight { get; set; }
    public bool Draft { get; set; }
}
