using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace Jamcart.Site;

/// <summary>
/// Every asset a site can reference: the default theme's, overridden path by path by the store's.
/// Knows each one's fingerprinted URL and, for scripts and styles, its Subresource Integrity hash.
/// </summary>
internal sealed class AssetCatalog
{
    private readonly Dictionary<string, StoreAsset> _assets;
    private readonly ConcurrentDictionary<string, string> _integrity = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, string> _urls = new(StringComparer.Ordinal);
    private readonly string _basePath;

    public AssetCatalog(IReadOnlyDictionary<string, StoreAsset> storeAssets, string basePath)
    {
        _basePath = basePath;
        _assets = new Dictionary<string, StoreAsset>(StringComparer.Ordinal);
        foreach (var name in ThemeResources.List("assets"))
        {
            var bytes = ThemeResources.ReadBytes("assets", name);
            _assets[name] = new StoreAsset(name, null, Hash128.Of(bytes), bytes.Length) { Content = bytes };
        }

        foreach (var (path, asset) in storeAssets)
        {
            _assets[path] = asset;
        }
    }

    public IReadOnlyDictionary<string, StoreAsset> All => _assets;

    public bool TryGet(string path, out StoreAsset asset) => _assets.TryGetValue(Normalize(path), out asset!);

    /// <summary>The content hash an output depends on when it references <paramref name="path"/>; zero when missing.</summary>
    public Hash128 Fingerprint(string path) => _assets.TryGetValue(path, out var asset) ? asset.Hash : Hash128.Zero;

    /// <summary>Where the fingerprinted copy is published, relative to the site root: <c>assets/css/site.1a2b3c4d5e.css</c>.</summary>
    public static string FingerprintedPath(StoreAsset asset)
    {
        var extension = Path.GetExtension(asset.Path);
        var stem = asset.Path[..^extension.Length];
        var hash = asset.Hash.Prefix(10);
        return $"assets/{stem}.{hash}{extension}";
    }

    public string UrlOf(StoreAsset asset) => _urls.GetOrAdd(asset.Path, static (_, state) => $"{state.Base}/{FingerprintedPath(state.Asset)}", (Base: _basePath, Asset: asset));

    /// <summary>The <c>integrity</c> attribute value (SHA-384, as browsers check it).</summary>
    public string IntegrityOf(StoreAsset asset) => _integrity.GetOrAdd(asset.Path, _ =>
        "sha384-" + Convert.ToBase64String(SHA384.HashData(asset.ReadAll())));

    public static string Normalize(string path)
    {
        path = path.TrimStart('/');
        return path.StartsWith("assets/", StringComparison.Ordinal) ? path["assets/".Length..] : path;
    }
}
