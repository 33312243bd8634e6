namespace Jamcart.Site;

/// <summary>Everything read from a store folder: settings, products, pages, templates, assets and strings.</summary>
public sealed class StoreSource
{
    public required string Root { get; init; }
    public required StoreConfig? Config { get; init; }
    public required Hash128 ConfigHash { get; init; }
    public required IReadOnlyList<StoreProduct> Products { get; init; }
    public required IReadOnlyList<StorePage> Pages { get; init; }

    /// <summary>Template overrides by name (<c>product</c> for <c>templates/product.liquid</c>).</summary>
    public required IReadOnlyDictionary<string, string> Templates { get; init; }

    /// <summary>Store assets by path under <c>assets/</c>, forward slashes.</summary>
    public required IReadOnlyDictionary<string, StoreAsset> Assets { get; init; }

    /// <summary>UI string overrides per locale, from <c>i18n/*.yml</c>.</summary>
    public required IReadOnlyDictionary<string, IReadOnlyDictionary<string, string>> Strings { get; init; }

    public required DiagnosticBag Diagnostics { get; init; }
}
