using System.Globalization;
using System.Text;

namespace Jamcart.Bench.HugoSite;

/// <summary>Writes the Hugo site: configuration, one content file per product and page, the theme and its assets.</summary>
internal static class HugoSiteWriter
{
    public static void Write(StoreFolder store, ConvertOptions options)
    {
        var root = options.SiteRoot;
        var products = Path.Combine(root, "content", "products");
        Directory.CreateDirectory(products);
        File.WriteAllText(Path.Combine(root, "hugo.toml"), HugoConfig.Toml(store.Settings, options.HugoVersion));
        ThemeFiles.WriteTo(root);
        if (store.Settings.Locale != "en")
        {
            // The theme's strings are English; under the store's locale Hugo would otherwise print empty labels.
            File.Copy(Path.Combine(root, "i18n", "en.toml"), Path.Combine(root, "i18n", $"{store.Settings.Locale}.toml"));
        }

        Parallel.ForEach(store.Products, item =>
            File.WriteAllText(Path.Combine(products, item.File.Stem + ".md"), ProductContent(item.Product, item.File.Body)));

        foreach (var (file, page) in store.Pages)
        {
            File.WriteAllText(Path.Combine(root, "content", file.Stem + ".md"), PageContent(page, file.Body));
        }

        if (options.ThemeAssets is { } themeAssets)
        {
            // Under assets/ (not static/) so that Hugo Pipes fingerprints them with SRI, as Jamcart does.
            CopyTree(themeAssets, Path.Combine(root, "assets"));
        }

        if (store.AssetsRoot is { } storeAssets)
        {
            CopyTree(storeAssets, Path.Combine(root, "static", "assets"));
        }
    }

    private static string ProductContent(ProductFrontMatter product, string body)
    {
        var text = new StringBuilder(body.Length + 512);
        text.Append("---\n");
        Field(text, "title", Quoting.Quote(product.Title));
        Field(text, "sku", Quoting.Quote(product.Sku));
        Field(text, "price", Quoting.Quote(product.Price));
        Field(text, "stock", product.Stock.ToString(CultureInfo.InvariantCulture));
        Field(text, "categories", Quoting.List(product.Categories));
        if (product.Summary is { } summary)
        {
            Field(text, "summary", Quoting.Quote(summary));
        }

        if (product.Images.Count > 0)
        {
            Field(text, "images", Quoting.List(product.Images.Select(ImageUrl)));
        }

        if (product.Weight != 0)
        {
            Field(text, "weight", product.Weight.ToString(CultureInfo.InvariantCulture));
        }

        if (product.Draft)
        {
            Field(text, "draft", "true");
        }

        return text.Append("---\n").Append(body).ToString();
    }

    private static string PageContent(PageFrontMatter page, string body)
    {
        var text = new StringBuilder(body.Length + 128);
        text.Append("---\n");
        Field(text, "title", Quoting.Quote(page.Title));
        if (page.Description is { } description)
        {
            Field(text, "summary", Quoting.Quote(description));
        }

        Field(text, "type", "page");
        return text.Append("---\n").Append(body).ToString();
    }

    // Jamcart resolves images under assets/ (with or without that prefix); the converter copies assets/ to the same URL.
    private static string ImageUrl(string image) =>
        image.StartsWith("https://", StringComparison.Ordinal) ? image
        : "/assets/" + (image.StartsWith("assets/", StringComparison.Ordinal) ? image["assets/".Length..] : image);

    private static void Field(StringBuilder text, string name, string value) =>
        text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\n");

    private static void CopyTree(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
