namespace Jamcart.Site;

/// <summary>
/// Which files of a store folder a build reads, in one place: the loader reads them and the up-to-date check
/// stamps them, so the two can never disagree about what counts as an input.
/// </summary>
internal static class StoreFiles
{
    /// <summary>Store-relative path and full path of the files directly in <paramref name="folder"/> matching <paramref name="pattern"/>, hidden ones left out, in ordinal order.</summary>
    public static List<(string Path, string FullPath)> Listed(string root, string folder, string pattern)
    {
        var directory = Path.Combine(root, folder);
        if (!Directory.Exists(directory))
        {
            return [];
        }

        return Directory.EnumerateFiles(directory, pattern, SearchOption.TopDirectoryOnly)
            .Where(f => !Path.GetFileName(f).StartsWith('.'))
            .Order(StringComparer.Ordinal)
            .Select(f => ($"{folder}/{Path.GetFileName(f)}", f))
            .ToList();
    }

    /// <summary>Every file under <c>assets/</c> at any depth, except those in or named for a hidden folder or file.</summary>
    public static List<string> Assets(string root)
    {
        var folder = Path.Combine(root, "assets");
        if (!Directory.Exists(folder))
        {
            return [];
        }

        return Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Where(f => !Path.GetRelativePath(folder, f).Split(Path.DirectorySeparatorChar).Any(part => part.StartsWith('.')))
            .ToList();
    }

    /// <summary>Full paths of everything a build of the store reads.</summary>
    public static List<string> Inputs(string root)
    {
        var inputs = new List<string> { Path.Combine(root, ConfigReader.FileName) };
        foreach (var (folder, pattern) in ListedFolders)
        {
            inputs.AddRange(Listed(root, folder, pattern).Select(f => f.FullPath));
        }

        inputs.AddRange(Assets(root));
        return inputs;
    }

    private static readonly (string Folder, string Pattern)[] ListedFolders =
        [("products", "*.md"), ("pages", "*.md"), ("templates", "*.liquid"), ("i18n", "*.yml")];
}
