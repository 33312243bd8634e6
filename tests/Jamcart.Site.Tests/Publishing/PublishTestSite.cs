namespace Jamcart.Site.Tests;

/// <summary>A built site's folder written by hand, and a target folder beside it, in a temporary directory of one test.</summary>
internal sealed class PublishTestSite : IDisposable
{
    public PublishTestSite()
    {
        Root = Directory.CreateTempSubdirectory("jamcart-publish-").FullName;
        Directory.CreateDirectory(Source);
    }

    public string Root { get; }
    public string Source => Path.Combine(Root, "public");
    public string Target => Path.Combine(Root, "www");

    public PublishTestSite Write(string path, string content)
    {
        var full = Path.Combine(Source, path);
        Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        File.WriteAllText(full, content);
        return this;
    }

    public PublishTestSite Delete(string path)
    {
        File.Delete(Path.Combine(Source, path));
        return this;
    }

    /// <summary>A small site: two pages, the catalog, a fingerprinted and a plain asset.</summary>
    public static PublishTestSite Shop() => new PublishTestSite()
        .Write("index.html", "<h1>Home</h1>")
        .Write("products/tea/index.html", "<h1>Tea</h1><p>In stock</p>")
        .Write("catalog.json", """{"products":{}}""")
        .Write("assets/css/site.0123456789.css", "body{}")
        .Write("assets/css/site.css", "body{}")
        .Write("sitemap.xml", "<urlset/>");

    public PublishRequest Everything() => new(Source);

    public PublishRequest Changed(params string[] paths) => new(Source, paths);

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Left to the temporary folder's clean-up.
        }
    }
}
