namespace Jamcart.Site;

/// <summary>The URL paths a CDN must forget when published files change.</summary>
public static class CdnPaths
{
    /// <summary>
    /// Each file's URL path under <paramref name="basePath"/> (the site's base URL path, "" at a domain's root); a page
    /// is named both as its folder URL, which links use, and as its <c>index.html</c>.
    /// </summary>
    public static IReadOnlyList<string> Of(IEnumerable<string> files, string basePath = "")
    {
        ArgumentNullException.ThrowIfNull(files);
        var prefix = basePath.TrimEnd('/');
        var paths = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            paths.Add($"{prefix}/{file}");
            if (file == "index.html" || file.EndsWith("/index.html", StringComparison.Ordinal))
            {
                paths.Add($"{prefix}/{file[..^"index.html".Length]}");
            }
        }

        return [.. paths];
    }
}
