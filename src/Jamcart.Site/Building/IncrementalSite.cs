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
    private InputStamps? _inputs;

    private IncrementalSite(BuildOptions options) => _options = options with { Clean = false, Progress = null };

    /// <summary>The folder the site is written to.</summary>
    public string OutputRoot => _options.OutputRoot;

    /// <summary>Whether the store is loaded; after a load with errors every update tries to load it again.</summary>
    public bool IsLoaded => _site is not null;

    /// <summary>Whether what is loaded takes its availability from the products' front matter (no store database).</summary>
    public bool StockFromFrontMatter => _site?.Stock is FrontMatterStock;

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
    public Task<BuildResult> ReloadAsync(CancellationToken cancellationToken) => OneAtATimeAsync(ReloadCoreAsync, cancellationToken);

    /// <summary>
    /// Reads the availability of <paramref name="skus"/> now and, when what a page shows changed for any of them,
    /// renders the outputs that read it (product pages, listings, home, <c>catalog.json</c>, the sitemap) and writes
    /// those whose bytes changed. Most sales change no state and return at once with nothing changed.
    /// </summary>
    public Task<BuildResult> UpdateAvailabilityAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        return OneAtATimeAsync(token => UpdateAvailabilityCoreAsync(skus, token), cancellationToken);
    }

    private async Task<BuildResult> UpdateAvailabilityCoreAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
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

    /// <summary>
    /// Brings the output folder up to date with the store folder, as a one-shot <c>jamcart build</c> would, reusing
    /// what is loaded: when only product files changed, and each still holds its SKU without errors, only those are
    /// read again; any other change (a template, the configuration, a file added or removed, a published file deleted
    /// or truncated, a build by anyone else) loads the store again.
    /// </summary>
    /// <remarks>For stores whose availability comes from the products' front matter; any other store loads again.</remarks>
    public Task<BuildResult> RefreshAsync(CancellationToken cancellationToken) => OneAtATimeAsync(RefreshCoreAsync, cancellationToken);

    private async Task<BuildResult> RefreshCoreAsync(CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var timings = new BuildTimings();
        if (_site is not { Stock: FrontMatterStock } site || _inputs is not { } before || StampOfManifest() != _manifestStamp)
        {
            return await ReloadCoreAsync(cancellationToken);
        }

        var now = InputStamps.Take(_options.StoreRoot);
        var changed = now.ChangedSince(before);
        timings.Mark("stamps");
        if (changed is null || !new OutputFolder(_options.OutputRoot).AllMatch(_manifest.Entries.Select(e => (e.Key, e.Value.Length)).ToList()))
        {
            return await ReloadCoreAsync(cancellationToken);
        }

        timings.Mark("output check");
        if (changed.Count == 0)
        {
            return new BuildResult(site.Source.Diagnostics.Sorted(), _manifest.Entries.Count, 0, 0, 0, [], clock.Elapsed) { Timings = timings.Phases };
        }

        if (StoreLoader.Reread(site.Source, changed) is not { } source)
        {
            return await ReloadCoreAsync(cancellationToken);
        }

        timings.Mark("load");
        var stock = new FrontMatterStock(source.Products);
        var available = await stock.GetAvailableAsync([], cancellationToken);
        var availability = source.Products.ToDictionary(
            p => p.Sku,
            p => Availability.From(available.GetValueOrDefault(p.Sku), site.Config.LowStockThreshold),
            StringComparer.Ordinal);
        var next = new LoadedSite(source, site.Config, site.Templates, stock, availability) { Fragments = site.Fragments };
        _site = null;
        var pass = new RenderPass(_options.OutputRoot, _manifest, Clean: false, TrustManifest: true, SiteBuilder.ChangedAtOf(_options.ChangeClock));
        var outcome = await SiteBuilder.RenderAsync(next, pass, _manifest.ParsedTemplates, source.Diagnostics, null, timings, cancellationToken);
        _manifest = outcome.Manifest;
        _manifestStamp = StampOfManifest();
        _inputs = now;
        _site = next;
        return outcome.ToResult(source.Diagnostics, clock.Elapsed, timings);
    }

    /// <summary>
    /// Renders one page of each kind and the catalog in memory and throws them away, so that the first update does not
    /// also pay for parsing the templates, compiling the renderer and writing every catalog entry.
    /// </summary>
    /// <returns>Whether anything was warmed: false when no store is loaded (the last load had errors).</returns>
    public Task<bool> WarmAsync(CancellationToken cancellationToken) => OneAtATimeAsync(WarmCoreAsync, cancellationToken);

    private async Task<bool> WarmCoreAsync(CancellationToken cancellationToken)
    {
        if (_site is not { } site)
        {
            return false;
        }

        var planner = new SitePlanner(site.Source, site.Templates, site.Renderer, site.Availability, SiteBuilder.Engine);
        var locales = planner.Locales();
        foreach (var job in planner.Plan(locales[0]).DistinctBy(j => j.Template, StringComparer.Ordinal))
        {
            await job.Render();
        }

        // Fills the catalog entries as the output holds them, so the first sale writes only its own.
        foreach (var locale in locales)
        {
            CatalogJson.Write(planner, locale, site.Config, site.Assets, new HashSet<string>(), site.Fragments);
        }

        return true;
    }

    public void Dispose() => _gate.Dispose();

    // Calls run one at a time: each may replace what is loaded and the manifest the next one starts from.
    private async Task<T> OneAtATimeAsync<T>(Func<CancellationToken, Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task<BuildResult> ReloadCoreAsync(CancellationToken cancellationToken)
    {
        _site = null;
        _inputs = InputStamps.Take(_options.StoreRoot);
        var (result, site, manifest) = await SiteBuilder.BuildAndKeepAsync(_options, cancellationToken);
        _manifest = manifest ?? new BuildManifest();
        _manifestStamp = StampOfManifest();
        _site = site;
        if (site is not null)
        {
            site.Fragments = new CatalogFragments();
        }

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
