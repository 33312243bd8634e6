using System.Collections.Concurrent;
using System.Text;

namespace Jamcart.Site;

/// <summary>Loads a store folder and validates all of it, collecting every problem instead of stopping at the first.</summary>
public static class StoreLoader
{
    public static StoreSource Load(string root) => Load(root, null);

    /// <param name="cache">Products parsed by the previous build, reused for files that did not change.</param>
    internal static StoreSource Load(string root, ProductCache? cache)
    {
        root = Path.GetFullPath(root);
        var diagnostics = new DiagnosticBag();
        if (!Directory.Exists(root))
        {
            diagnostics.Error(root, 1, 1, "no such store folder");
            return Empty(root, diagnostics);
        }

        var assets = ReadAssets(root);
        var strings = ReadStrings(root, diagnostics);
        var knownLocales = BuiltInStrings.Locales.Concat(strings.Keys).ToHashSet(StringComparer.Ordinal);

        var configPath = Path.Combine(root, ConfigReader.FileName);
        StoreConfig? config = null;
        Hash128 configHash = default;
        if (File.Exists(configPath))
        {
            var bytes = File.ReadAllBytes(configPath);
            configHash = Hash128.Of(bytes);
            config = ConfigReader.Read(Decode(bytes), knownLocales, diagnostics);
        }
        else
        {
            diagnostics.Error(ConfigReader.FileName, 1, 1, "missing: every store needs a jamcart.yml with at least name, baseUrl and currency (jamcart new makes one)");
        }

        var products = ReadProducts(root, config, assets, cache ?? new ProductCache(), diagnostics);
        var pages = ReadPages(root, config, diagnostics);
        var templates = ReadTemplates(root);

        return new StoreSource
        {
            Root = root,
            Config = config,
            ConfigHash = configHash,
            Products = products,
            Pages = pages,
            Templates = templates,
            Assets = assets,
            Strings = strings,
            Diagnostics = diagnostics,
        };
    }

    /// <summary>
    /// The store with the product files at <paramref name="paths"/> (store-relative) read again, when nothing else
    /// changed; null when only a full load can tell: a file that was not a product (a draft, one with errors), or one
    /// that now has errors, another SKU or is a draft, so that duplicates and slugs need no checking again.
    /// </summary>
    internal static StoreSource? Reread(StoreSource source, IReadOnlyCollection<string> paths)
    {
        if (source.Config is not { } config || source.Diagnostics.HasErrors)
        {
            return null;
        }

        var index = new Dictionary<string, int>(source.Products.Count, StringComparer.Ordinal);
        for (var i = 0; i < source.Products.Count; i++)
        {
            index[source.Products[i].SourcePath] = i;
        }

        var reread = paths.ToHashSet(StringComparer.Ordinal);
        var diagnostics = new DiagnosticBag();
        foreach (var diagnostic in source.Diagnostics.Items.Where(d => !reread.Contains(d.Path)))
        {
            diagnostics.Add(diagnostic);
        }

        var products = source.Products.ToList();
        foreach (var path in reread)
        {
            if (!index.TryGetValue(path, out var at))
            {
                return null;
            }

            var bytes = File.ReadAllBytes(Path.Combine(source.Root, path));
            var found = new DiagnosticBag();
            var product = ProductReader.Read(path, Decode(bytes), Hash128.Of(bytes), config.Currency, config.Locales, source.Assets.ContainsKey, found, out _);
            if (product is null || found.HasErrors || product.Sku != products[at].Sku || product.Product.Draft)
            {
                return null;
            }

            products[at] = product;
            foreach (var diagnostic in found.Items)
            {
                diagnostics.Add(diagnostic);
            }
        }

        return new StoreSource
        {
            Root = source.Root,
            Config = config,
            ConfigHash = source.ConfigHash,
            Products = products,
            Pages = source.Pages,
            Templates = source.Templates,
            Assets = source.Assets,
            Strings = source.Strings,
            Diagnostics = diagnostics,
        };
    }

    private static StoreSource Empty(string root, DiagnosticBag diagnostics) => new()
    {
        Root = root,
        Config = null,
        ConfigHash = default,
        Products = [],
        Pages = [],
        Templates = new Dictionary<string, string>(),
        Assets = new Dictionary<string, StoreAsset>(),
        Strings = new Dictionary<string, IReadOnlyDictionary<string, string>>(),
        Diagnostics = diagnostics,
    };

    private static List<StoreProduct> ReadProducts(string root, StoreConfig? config, IReadOnlyDictionary<string, StoreAsset> assets, ProductCache cache, DiagnosticBag diagnostics)
    {
        var files = StoreFiles.Listed(root, "products", "*.md");
        var loaded = new (StoreProduct? Product, (string Sku, int Line)? Identity)[files.Count];
        var parsed = new (Hash128 Key, CachedProduct? Product)[files.Count];
        var assetPaths = new InputHash();
        foreach (var path in assets.Keys.Order(StringComparer.Ordinal))
        {
            assetPaths.Add(path);
        }

        var assetPathsHash = assetPaths.Value;
        var stamps = new FileStamp[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            var (path, fullPath) = files[i];
            var info = new FileInfo(fullPath);
            var modified = info.LastWriteTimeUtc.Ticks;
            byte[]? bytes = null;
            if (!cache.TryGetContentHash(path, info.Length, modified, out var hash))
            {
                bytes = File.ReadAllBytes(fullPath);
                hash = Hash128.Of(bytes);
            }

            stamps[i] = new FileStamp(bytes?.Length ?? info.Length, modified, hash);
            var key = ProductCache.KeyOf(path, hash, config?.Currency, config?.Locales, assetPathsHash);
            if (bytes is null || cache.TryGet(key, out _))
            {
                if (cache.TryGet(key, out var cached))
                {
                    parsed[i] = (key, cached);
                    foreach (var warning in cached.Warnings)
                    {
                        diagnostics.Add(warning);
                    }

                    var slug = Slugs.From(Path.GetFileNameWithoutExtension(path));
                    var content = bytes;
                    var locales = config?.Locales;
                    loaded[i] = (new StoreProduct(cached.Product, cached.Texts, slug, path, cached.SkuLine, () => LocaleBlocks.Reread(Decode(content ?? File.ReadAllBytes(fullPath)), locales), hash, cached.CardHash), (cached.Product.Sku, cached.SkuLine));
                    return;
                }

                // Known unchanged, but parsed under other settings (currency, assets): read it after all.
                bytes = File.ReadAllBytes(fullPath);
            }

            var found = new DiagnosticBag();
            var product = ProductReader.Read(path, Decode(bytes), hash, config?.Currency, config?.Locales, assets.ContainsKey, found, out var identity);
            var own = found.IsEmpty ? [] : found.Items.ToList();
            foreach (var diagnostic in own)
            {
                diagnostics.Add(diagnostic);
            }

            if (product is not null && !found.HasErrors)
            {
                parsed[i] = (key, new CachedProduct(product.Product, product.Texts, product.SkuLine, own, product.CardHash));
            }

            loaded[i] = (product, identity);
        });

        cache.Retain(parsed.Where(p => p.Product is not null).Select(p => (p.Key, p.Product!)), files.Select((f, i) => (f.Path, stamps[i])));
        var skus = new Dictionary<string, (string Path, int Line)>(StringComparer.Ordinal);
        for (var i = 0; i < files.Count; i++)
        {
            if (loaded[i].Identity is not { } identity)
            {
                continue;
            }

            if (skus.TryGetValue(identity.Sku, out var first))
            {
                diagnostics.Error(files[i].Path, identity.Line, 1, $"SKU '{identity.Sku}' is used twice: also by {first.Path}:{first.Line}");
                diagnostics.Error(first.Path, first.Line, 1, $"SKU '{identity.Sku}' is used twice: also by {files[i].Path}:{identity.Line}");
                loaded[i].Product = null;
            }
            else
            {
                skus.Add(identity.Sku, (files[i].Path, identity.Line));
            }
        }

        var products = new List<StoreProduct>(files.Count);
        var bySlug = new Dictionary<string, StoreProduct>(StringComparer.Ordinal);
        foreach (var (product, _) in loaded)
        {
            if (product is null)
            {
                continue;
            }

            if (bySlug.TryGetValue(product.Slug, out var sameSlug))
            {
                diagnostics.Error(product.SourcePath, 1, 1, $"this file and {sameSlug.SourcePath} would both be published at /products/{product.Slug}/: rename one");
                continue;
            }

            bySlug.Add(product.Slug, product);
            if (!product.Product.Draft)
            {
                products.Add(product);
            }
        }

        return products;
    }

    private static List<StorePage> ReadPages(string root, StoreConfig? config, DiagnosticBag diagnostics)
    {
        var pages = new List<StorePage>();
        foreach (var file in StoreFiles.Listed(root, "pages", "*.md"))
        {
            var bytes = File.ReadAllBytes(file.FullPath);
            var page = PageReader.Read(file.Path, Decode(bytes), Hash128.Of(bytes), diagnostics);
            if (page is null)
            {
                continue;
            }

            if (config?.Locales.Contains(page.Slug) == true)
            {
                diagnostics.Error(file.Path, 1, 1, $"a page cannot be called '{page.Slug}': /{page.Slug}/ holds the site in that locale");
                continue;
            }

            pages.Add(page);
        }

        return pages;
    }

    private static Dictionary<string, string> ReadTemplates(string root) =>
        StoreFiles.Listed(root, "templates", "*.liquid").ToDictionary(
            f => Path.GetFileNameWithoutExtension(f.FullPath),
            f => Decode(File.ReadAllBytes(f.FullPath)),
            StringComparer.Ordinal);

    private static Dictionary<string, IReadOnlyDictionary<string, string>> ReadStrings(string root, DiagnosticBag diagnostics)
    {
        var result = new Dictionary<string, IReadOnlyDictionary<string, string>>(StringComparer.Ordinal);
        foreach (var file in StoreFiles.Listed(root, "i18n", "*.yml"))
        {
            var locale = Path.GetFileNameWithoutExtension(file.FullPath);
            var strings = StringsReader.Read(file.Path, Decode(File.ReadAllBytes(file.FullPath)), diagnostics);
            if (strings is not null)
            {
                result[locale] = strings;
            }
        }

        return result;
    }

    private static Dictionary<string, StoreAsset> ReadAssets(string root)
    {
        var folder = Path.Combine(root, "assets");
        var assets = new ConcurrentDictionary<string, StoreAsset>(StringComparer.Ordinal);
        if (!Directory.Exists(folder))
        {
            return new Dictionary<string, StoreAsset>(assets);
        }

        var files = StoreFiles.Assets(root);
        Parallel.ForEach(files, file =>
        {
            var bytes = File.ReadAllBytes(file);
            var path = Path.GetRelativePath(folder, file).Replace(Path.DirectorySeparatorChar, '/');
            assets[path] = new StoreAsset(path, file, Hash128.Of(bytes), bytes.Length);
        });
        return new Dictionary<string, StoreAsset>(assets, StringComparer.Ordinal);
    }

    private static string Decode(byte[] bytes) => Encoding.UTF8.GetString(bytes).Replace("\r\n", "\n", StringComparison.Ordinal);
}
