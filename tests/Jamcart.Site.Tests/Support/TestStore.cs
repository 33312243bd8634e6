using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Jamcart.Site.Tests;

/// <summary>A store folder written inline by a test into its own temporary directory, built, and read back.</summary>
internal sealed class TestStore : IDisposable
{
    public const string DefaultConfig = """
        name: Test Shop
        baseUrl: https://shop.example.com
        currency: KRW
        locale: ko
        lowStockThreshold: 3
        """;

    private static readonly HtmlParser Parser = new();

    public TestStore(string config = DefaultConfig)
    {
        Root = Path.Combine(Path.GetTempPath(), "jamcart-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Root);
        Write("jamcart.yml", config);
    }

    public string Root { get; }
    public string StoreRoot => Path.Combine(Root, "store");
    public string OutputRoot => Path.Combine(Root, "out");

    public TestStore Write(string path, string content)
    {
        var full = Path.Combine(StoreRoot, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public TestStore Delete(string path)
    {
        File.Delete(Path.Combine(StoreRoot, path));
        return this;
    }

    public TestStore Product(string slug, string sku, string price = "12000", long stock = 10, string extra = "", string body = "A fine product.")
        => Write($"products/{slug}.md", $"---\nsku: {sku}\ntitle: Product {sku}\nprice: {price}\nstock: {stock}\n{extra}---\n{body}\n");

    public Task<BuildResult> BuildAsync(bool clean = false, string? output = null) =>
        SiteBuilder.BuildAsync(new BuildOptions(StoreRoot, output ?? OutputRoot) { Clean = clean });

    public string Output(string path) => File.ReadAllText(Path.Combine(OutputRoot, path));

    public bool Exists(string path) => File.Exists(Path.Combine(OutputRoot, path));

    public IHtmlDocument Html(string path) => Parser.ParseDocument(Output(path));

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open by a failed assertion's output; the temp folder is cleaned by the OS.
        }
    }
}
