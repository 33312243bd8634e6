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
    private readonly bool _warm;
    private IncrementalSite? _site;

    /// <param name="warm">
    /// Build through one warm <see cref="IncrementalSite"/> refreshed before each build, as a build server does,
    /// instead of a one-shot build each time (clean builds and other output folders stay one-shot).
    /// </param>
    public TestStore(string config = DefaultConfig, bool warm = false)
    {
        _warm = warm;
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

    public async Task<BuildResult> BuildAsync(bool clean = false, string? output = null)
    {
        if (!_warm || clean || output is not null)
        {
            return await SiteBuilder.BuildAsync(new BuildOptions(StoreRoot, output ?? OutputRoot) { Clean = clean });
        }

        if (_site is null)
        {
            (_site, var opened) = await IncrementalSite.OpenAsync(new BuildOptions(StoreRoot, OutputRoot), CancellationToken.None);
            return opened;
        }

        return await _site.RefreshAsync(CancellationToken.None);
    }

    public string Output(string path) => File.ReadAllText(Path.Combine(OutputRoot, path));

    public bool Exists(string path) => File.Exists(Path.Combine(OutputRoot, path));

    public IHtmlDocument Html(string path) => Parser.ParseDocument(Output(path));

    public void Dispose()
    {
        _site?.Dispose();
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
