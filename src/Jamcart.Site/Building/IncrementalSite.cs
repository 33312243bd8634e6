using System.Diagnostics;

using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// The incremental build kept warm in a long-running process (the rebuild worker): the store is loaded once, and a
/// change of availability re-plans the site in memory, renders only the outputs whose inputs changed and writes only
/// the files whose bytes changed, with no reload of the store per sale.
/// </summary>
/// <remarks>
/// Calls run one at a time. While it runs it should be the only writer of the output folder; a build by anyone else
/// is noticed (the manifest on disk is no longer the one it wrote) and answered by loading the store again.
/// </remarks>
public sealed class IncrementalSite : IDisposable
{
    private readonly BuildOptions _options;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private LoadedSite? _site;
    private BuildManifest _manifest = new();
    private (long Length, DateTime Written)? _manifestStamp;

    private IncrementalSite(BuildOptions options) => _options = options with { Clean = false, Progress = null };

    /// <summary>The folder the site is written to.</summary>
    public string OutputRoot => _options.OutputRoot;

    /// <summary>Whether the store is loaded; after a load with errors every update tries to load it again.</summary>
    public bool IsLoaded => _site is not null;

    /// <summary>Loads the store and brings the output folder up to date, as <c>jamcart build</c> would.</summary>
    /// <param name="options">
    /// The store and output folders, and where availability comes from (<see cref="BuildOptions.Stock"/>, or a catalog
    /// sync run at every load). <see cref="BuildOptions.ChangeClock"/> gives the sitemap its <c>lastmod</c>.
    /// </param>
    public static async Task<(IncrementalSite Site, BuildResult Result)> OpenAsync(BuildOptions options, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var site = new IncrementalSite(options);
        try
        {
            return (site, await site.ReloadAsync(cancellationToken));
        }
        catch
        {
            site.Dispose();
            throw;
        }
    }

    /// <summary>Loads the store folder again and builds what changed: a store edit, a catalog sync, another build.</summary>
    public async Task<BuildResult> ReloadAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await ReloadCoreAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// Reads the availability of <paramref name="skus"/> now and, when what a page shows changed for any of them,
    /// renders the outputs that read it (product pages, listings, home, <c>catalog.json</c>, the sitemap) and writes
    /// those whose bytes changed. Most sales change no state and return at once with nothing changed.
    /// </summary>
    public async Task<BuildResult> UpdateAvailabilityAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_site is not { } site || StampOfManifest() != _manifestStamp)
            {
                return await ReloadCoreAsync(cancellationToken);
            }

            var clock = Stopwatch.StartNew();
            var timings = new BuildTimings();
            var changed = await ReadAvailabilityAsync(site, skus, cancellationToken);
            timings.Mark("stock");
            if (!changed)
            {
                return new BuildResult([], _manifest.Entries.Count, 0, 0, 0, [], clock.Elapsed) { Timings = timings.Phases };
            }

            try
            {
                var diagnostics = new DiagnosticBag();
                var pass = new RenderPass(_options.OutputRoot, _manifest, Clean: false, TrustManifest: true, SiteBuilder.ChangedAtOf(_options.ChangeClock));
                var outcome = await SiteBuilder.RenderAsync(site, pass, _manifest.ParsedTemplates, diagnostics, null, timings, cancellationToken);
                _manifest = outcome.Manifest;
                _manifestStamp = StampOfManifest();
                return outcome.ToResult(diagnostics, clock.Elapsed, timings);
            }
            catch
            {
                // The new availability is in memory but maybe not on disk: the next update starts from the folder again.
                _site = null;
                throw;
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private async Task<BuildResult> ReloadCoreAsync(CancellationToken cancellationToken)
    {
        _site = null;
        var (result, site, manifest) = await SiteBuilder.BuildAndKeepAsync(_options, cancellationToken);
        _manifest = manifest ?? new BuildManifest();
        _manifestStamp = StampOfManifest();
        _site = site;
        return result;
    }

    /// <summary>Updates the availability of the store's SKUs among <paramref name="skus"/>; whether any page state changed.</summary>
    private static async Task<bool> ReadAvailabilityAsync(LoadedSite site, IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        var known = skus.Where(site.Availability.ContainsKey).Distinct(StringComparer.Ordinal).ToList();
        if (known.Count == 0)
        {
            return false;
        }

        var available = await site.Stock.GetAvailableAsync(known, cancellationToken);
        var changed = false;
        foreach (var sku in known)
        {
            // A SKU the stock source does not know reads as none available, as in a full build.
            var now = Availability.From(available.GetValueOrDefault(sku), site.Config.LowStockThreshold);
            if (site.Availability[sku] != now)
            {
                site.Availability[sku] = now;
                changed = true;
            }
        }

        return changed;
    }

    private (long, DateTime)? StampOfManifest()
    {
        var file = new FileInfo(BuildManifest.PathOf(_options.OutputRoot));
        return file.Exists ? (file.Length, file.LastWriteTimeUtc) : null;
    }
}
