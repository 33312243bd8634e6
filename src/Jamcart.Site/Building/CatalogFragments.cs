namespace Jamcart.Site;

/// <summary>
/// Each product's entry of <c>catalog.json</c> as written bytes, kept by a warm engine from one render to the next,
/// keyed by everything the entry shows: a sale that sells one product out then writes one entry, not 10,000.
/// </summary>
/// <remarks>
/// One generation per locale: entries a catalog write did not use are dropped at the next write of that locale's
/// catalog, so the cache holds one catalog's worth. Catalogs are written one at a time.
/// </remarks>
internal sealed class CatalogFragments
{
    private readonly Dictionary<string, (Dictionary<Hash128, byte[]> Previous, Dictionary<Hash128, byte[]> Current)> _locales = new(StringComparer.Ordinal);

    /// <summary>Starts the write of one locale's catalog: what the previous write of it used is what can be reused.</summary>
    public void Begin(string locale)
    {
        var previous = _locales.TryGetValue(locale, out var generation) ? generation.Current : [];
        _locales[locale] = (previous, new Dictionary<Hash128, byte[]>(previous.Count));
    }

    public byte[] GetOrWrite(string locale, Hash128 key, Func<byte[]> write)
    {
        var (previous, current) = _locales[locale];
        if (!previous.TryGetValue(key, out var bytes))
        {
            bytes = write();
        }

        current[key] = bytes;
        return bytes;
    }
}
