namespace Jamcart.Bench.HugoSite;

/// <summary>The parts of <c>jamcart.yml</c> that change what the pages show; the rest (shipping, tax, payments) is checkout's.</summary>
internal sealed class StoreSettings
{
    public string Name { get; set; } = "";
    public string BaseUrl { get; set; } = "";
    public string Currency { get; set; } = "";
    public string Locale { get; set; } = "en";
    public string? Description { get; set; }
    public int LowStockThreshold { get; set; } = 5;
    public int PageSize { get; set; } = 24;
}
