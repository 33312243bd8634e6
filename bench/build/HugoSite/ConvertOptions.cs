using System.Diagnostics.CodeAnalysis;

namespace Jamcart.Bench.HugoSite;

/// <summary>What to convert, where to, and for which Hugo: its configuration keys changed across versions.</summary>
/// <param name="ThemeAssets">Jamcart's theme CSS and JavaScript, fingerprinted by Hugo as Jamcart does; none when absent.</param>
internal sealed record ConvertOptions(string StoreRoot, string SiteRoot, Version HugoVersion, string? ThemeAssets)
{
    public const string Usage = "usage: hugosite STORE SITE [--hugo-version X.Y.Z] [--assets DIR]";

    // Debian bookworm's Hugo: the oldest this converter writes for.
    private static readonly Version DefaultHugo = new(0, 111, 3);

    public static bool TryParse(string[] args, [NotNullWhen(true)] out ConvertOptions? options, [NotNullWhen(false)] out string? problem)
    {
        options = null;
        var positional = new List<string>();
        var hugo = DefaultHugo;
        string? assets = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--hugo-version" when i + 1 < args.Length:
                    if (!Version.TryParse(args[++i].TrimStart('v').Split('+', '-')[0], out var parsed))
                    {
                        problem = $"not a Hugo version: {args[i]}";
                        return false;
                    }

                    hugo = parsed;
                    break;
                case "--assets" when i + 1 < args.Length:
                    assets = args[++i];
                    break;
                case var flag when flag.StartsWith("--", StringComparison.Ordinal):
                    problem = $"unknown or incomplete option {flag}";
                    return false;
                default:
                    positional.Add(args[i]);
                    break;
            }
        }

        if (positional.Count != 2)
        {
            problem = "expected a store folder and a site folder";
            return false;
        }

        if (Directory.Exists(positional[1]) && Directory.EnumerateFileSystemEntries(positional[1]).Any())
        {
            problem = $"{positional[1]} must be an empty or new folder";
            return false;
        }

        options = new ConvertOptions(positional[0], positional[1], hugo, assets);
        problem = null;
        return true;
    }
}
