using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;

using Jamcart.Core;

namespace Jamcart.Site;

/// <summary>
/// <c>jamcart build</c>: load → validate → plan → render what changed, in parallel → write changed files
/// atomically → remove stale files → save the manifest.
/// </summary>
public static class SiteBuilder
{
    // Code changes to the renderer change rendered bytes: a new Jamcart invalidates the previous manifest.
    internal static readonly Hash128 Engine = new InputHash()
        .Add(typeof(SiteBuilder).Assembly.ManifestModule.ModuleVersionId.ToString())
        .Add(typeof(Money).Assembly.ManifestModule.ModuleVersionId.ToString())
        .Value;

    public static async Task<BuildResult> BuildAsync(BuildOptions options, CancellationToken cancellationToken = default)
    {
        if (!BuildSnapshot.Applies(options))
        {
            return (await BuildAndKeepAsync(options, cancellationToken)).Result;
        }

        var snapshot = BuildSnapshot.Take(options);
        if (!options.Clean && snapshot.TryReuse(Engine) is { } upToDate)
        {
            return upToDate;
        }

        var (result, site, manifest) = await BuildAndKeepAsync(options, cancellationToken);
        snapshot.Save(result, site, manifest);
        return result;
    }

    /// <summary>A build that also hands back what it loaded and wrote, for <see cref="IncrementalSite"/> to keep warm.</summary>
    internal static async Task<(BuildResult Result, LoadedSite? Site, BuildManifest? Manifest)> BuildAndKeepAsync(
        BuildOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var timings = new BuildTimings();
        var sidecar = BuildManifest.SidecarOf(options.OutputRoot);
        var previous = BuildManifest.Load(options.OutputRoot, Engine);
        var cache = options.Clean ? new ProductCache(Engine) : ProductCache.Load(sidecar, Engine);
        timings.Mark("manifest");
        var source = StoreLoader.Load(options.StoreRoot, cache);
        timings.Mark("load");
        var diagnostics = source.Diagnostics;
        var templates = new TemplateSet(source.Templates);
        var parsedTemplates = templates.Validate(options.Clean ? new HashSet<Hash128>() : previous.ParsedTemplates, diagnostics);
        timings.Mark("templates");
        if (diagnostics.HasErrors || source.Config is not { } config)
        {
            return (new BuildResult(diagnostics.Sorted(), 0, 0, 0, 0, [], clock.Elapsed) { Timings = timings.Phases }, null, null);
        }

        var database = options.CatalogSync is null ? null : await options.CatalogSync.OpenAsync(source, cancellationToken);
        timings.Mark("open database");
        var stock = database ?? options.Stock ?? new FrontMatterStock(source.Products);
        var available = await stock.GetAvailableAsync(source.Products.Select(p => p.Sku).ToList(), cancellationToken);
        // A SKU the database does not know yet is seeded with its front-matter stock by the sync after rendering. Stock
        // from elsewhere (the rebuild worker's) has no sync to come: a SKU it does not know is not for sale.
        var availability = source.Products.ToDictionary(
            p => p.Sku,
            p => Availability.From(available.TryGetValue(p.Sku, out var units) ? units : database is null ? 0 : p.Product.InitialStock, config.LowStockThreshold),
            StringComparer.Ordinal);

        var site = new LoadedSite(source, config, templates, stock, availability);
        var pass = new RenderPass(options.OutputRoot, previous, options.Clean, TrustManifest: false, ChangedAtOf(options.ChangeClock));
        var outcome = await RenderAsync(site, pass, parsedTemplates, diagnostics, options.Progress, timings, cancellationToken);
        if (!diagnostics.HasErrors)
        {
            cache.Save(sidecar);
        }

        timings.Mark("save manifest");

        // Only now: a page that fails to render (a missing asset, an unknown SKU in a template) fails the build, and a
        // failed build must not change the prices the functions charge while the published pages show the old ones.
        if (!diagnostics.HasErrors && options.CatalogSync is not null)
        {
            await options.CatalogSync.SyncAsync(source, cancellationToken);
            timings.Mark("catalog sync");
        }

        return (outcome.ToResult(diagnostics, clock.Elapsed, timings), site, outcome.Manifest);
    }

    /// <summary>The Unix second that outputs changed by this build record, or 0 when the build records none.</summary>
    internal static long ChangedAtOf(TimeProvider? clock) => clock?.GetUtcNow().ToUnixTimeSeconds() ?? 0;

    /// <summary>
    /// Plans every output of a loaded store, renders those whose inputs changed since <see cref="RenderPass.Previous"/>,
    /// writes the files whose bytes changed, removes stale ones and saves the manifest when anything moved.
    /// </summary>
    internal static async Task<RenderOutcome> RenderAsync(LoadedSite site, RenderPass pass, IEnumerable<Hash128> parsedTemplates,
        DiagnosticBag diagnostics, IProgress<BuildProgress>? progress, BuildTimings timings, CancellationToken cancellationToken)
    {
        BuildSnapshot.Invalidate(pass.OutputRoot);
        var planner = new SitePlanner(site.Source, site.Templates, site.Renderer, site.Availability, Engine);
        var run = new BuildRun(new OutputFolder(Path.GetFullPath(pass.OutputRoot)), pass, site.Assets, diagnostics);
        var locales = planner.Locales();
        var jobs = locales.SelectMany(planner.Plan).ToList();
        timings.Mark("plan");
        await run.RenderPagesAsync(jobs, progress, cancellationToken);
        timings.Mark("render");
        WriteDataFiles(run, planner, locales, site, jobs);
        timings.Mark("data files");
        run.CopyAssets();
        var removed = run.RemoveStale();
        timings.Mark("assets, removals");
        var previous = pass.Previous;
        run.Manifest.ParsedTemplates.UnionWith(parsedTemplates);
        if (!run.ChangedPaths.IsEmpty || run.Rendered > 0 || !run.Manifest.ParsedTemplates.SetEquals(previous.ParsedTemplates)
            || run.Manifest.Entries.Count != previous.Entries.Count)
        {
            run.Manifest.Save(pass.OutputRoot, Engine);
        }

        return new RenderOutcome(run.Manifest, run.Rendered, run.ChangedPaths.Order(StringComparer.Ordinal).ToList(), removed);
    }

    private static void WriteDataFiles(BuildRun run, SitePlanner planner, List<LocaleSite> locales, LoadedSite loaded, List<PageJob> jobs)
    {
        var config = loaded.Config;
        var origin = config.BaseUrl.GetLeftPart(UriPartial.Authority);
        foreach (var site in locales)
        {
            run.WriteData(site.Urls.FileOf(site.Urls.Catalog), planner.CatalogHash(site),
                dependencies => CatalogJson.Write(planner, site, config, run.Assets, dependencies, loaded.Fragments));
        }

        var privatePages = locales.SelectMany(s => new[] { s.Urls.Cart, s.Urls.Checkout, s.Urls.Order }).ToList();
        var indexable = jobs.Select(j => j.Path)
            .Where(p => p.EndsWith("index.html", StringComparison.Ordinal))
            .Select(p => (Url: config.BasePath + "/" + p[..^"index.html".Length], ChangedAt: run.ChangedAtOf(p)))
            .Where(page => !privatePages.Contains(page.Url))
            .ToList();
        var sitemapHash = new InputHash().Add(Engine).Add(origin);
        foreach (var (url, changedAt) in indexable)
        {
            sitemapHash.Add(url).Add(changedAt);
        }

        run.WriteData("sitemap.xml", sitemapHash.Value, _ => Sitemap.Write(origin, indexable));
        run.WriteData("robots.txt", Hash128.Zero, _ => RobotsTxt.Write($"{origin}{config.BasePath}/sitemap.xml", privatePages));

        var scripts = run.ReferencedAssets()
            .Select(path => run.Assets.TryGet(path, out var asset) ? asset : null)
            .OfType<StoreAsset>()
            .Where(a => a.Path.EndsWith(".js", StringComparison.Ordinal) || a.Path.EndsWith(".mjs", StringComparison.Ordinal))
            .Select(run.Assets.IntegrityOf);
        var policy = HeadersFile.ContentSecurityPolicy(config, scripts);
        var fingerprinted = run.FingerprintedAssets().Select(a => config.BasePath + "/" + AssetCatalog.FingerprintedPath(a));
        run.WriteData(HeadersFile.FileName, Hash128.Zero, _ => HeadersFile.Write(config, policy, fingerprinted));
    }

    /// <summary>The state of one build: what the last one left, what this one writes.</summary>
    private sealed class BuildRun(OutputFolder output, RenderPass pass, AssetCatalog assets, DiagnosticBag diagnostics)
    {
        private readonly BuildManifest previous = pass.Previous;
        private readonly bool clean = pass.Clean;
        private readonly ConcurrentDictionary<string, ManifestEntry> _entries = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<string> _changed = [];
        private int _rendered;
        private IReadOnlyList<string>? _referenced;

        public AssetCatalog Assets => assets;
        public int Rendered => _rendered;
        public ConcurrentBag<string> ChangedPaths => _changed;
        public BuildManifest Manifest { get; } = new();

        /// <summary>When the output at <paramref name="path"/> last changed, once this build has produced it; 0 when unknown.</summary>
        public long ChangedAtOf(string path) => _entries.TryGetValue(path, out var entry) ? entry.ChangedAt : 0;

        public async Task RenderPagesAsync(List<PageJob> jobs, IProgress<BuildProgress>? progress, CancellationToken cancellationToken)
        {
            var duplicates = jobs.GroupBy(j => j.Path, StringComparer.Ordinal).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            foreach (var path in duplicates)
            {
                diagnostics.Error(path, 1, 1, "two pages would be published at this path");
            }

            var current = new bool[jobs.Count];
            Parallel.For(0, jobs.Count, i =>
            {
                var job = jobs[i];
                if (!clean && previous.Entries.TryGetValue(job.Path, out var old) && IsCurrent(job.Path, job.InputHash, old))
                {
                    _entries[job.Path] = old;
                    current[i] = true;
                }
            });
            var pending = jobs.Where((_, i) => !current[i]).ToList();

            var done = 0;
            var parallel = new ParallelOptions { CancellationToken = cancellationToken, MaxDegreeOfParallelism = Environment.ProcessorCount };
            await Parallel.ForEachAsync(pending, parallel, async (job, _) =>
            {
                await RenderOneAsync(job);
                var count = Interlocked.Increment(ref done);
                if (count % 256 == 0 || count == pending.Count)
                {
                    progress?.Report(new BuildProgress(count, pending.Count));
                }
            });
        }

        private async ValueTask RenderOneAsync(PageJob job)
        {
            RenderedPage page;
            try
            {
                page = await job.Render();
            }
            catch (InvalidOperationException e)
            {
                // The renderer reports Fluid's own errors at their template; this is what fails before any template runs.
                diagnostics.Error(job.Path, 1, 1, $"rendering failed: {e.Message}");
                return;
            }

            Interlocked.Increment(ref _rendered);
            // At the template line that failed, naming the page: a line that fails on every page is reported for each.
            foreach (var error in page.Errors.Distinct())
            {
                diagnostics.Error(error.Path ?? job.Path, error.Line, error.Column,
                    error.Path is null ? error.Message : $"{error.Message} (rendering {job.Path})");
            }

            if (page.Errors.Count > 0)
            {
                // Left out of the manifest so the next build renders it again once the cause is fixed.
                return;
            }

            var dependencies = page.AssetDependencies.ToArray();
            Store(job.Path, job.InputHash, dependencies, Encoding.UTF8.GetBytes(page.Html));
        }

        /// <param name="inputHash">What the file is made from; zero for small files that are cheaper to produce than to track.</param>
        public void WriteData(string path, Hash128 inputHash, Func<ISet<string>, byte[]> produce)
        {
            if (inputHash != Hash128.Zero && !clean && previous.Entries.TryGetValue(path, out var old) && IsCurrent(path, inputHash, old))
            {
                _entries[path] = old;
                return;
            }

            var dependencies = new SortedSet<string>(StringComparer.Ordinal);
            var bytes = produce(dependencies);
            Store(path, inputHash, dependencies.ToArray(), bytes);
        }

        /// <summary>Every asset a page or data file references, whether rendered now or kept from before.</summary>
        /// <remarks>Asked after every page and catalog is done, so computed once.</remarks>
        public IReadOnlyList<string> ReferencedAssets() => _referenced ??= CollectReferencedAssets();

        private List<string> CollectReferencedAssets()
        {
            var all = new HashSet<string>(StringComparer.Ordinal);
            foreach (var entry in _entries.Values)
            {
                foreach (var dependency in entry.Dependencies)
                {
                    all.Add(dependency);
                }
            }

            return all.Order(StringComparer.Ordinal).ToList();
        }

        public IEnumerable<StoreAsset> FingerprintedAssets() => ReferencedAssets()
            .Select(path => assets.TryGet(path, out var asset) ? asset : null)
            .OfType<StoreAsset>();

        /// <summary>Copies every asset at its own path, and the referenced ones again under their fingerprinted names.</summary>
        public void CopyAssets()
        {
            var copies = assets.All.Values.Select(a => ($"assets/{a.Path}", a))
                .Concat(FingerprintedAssets().Select(a => (AssetCatalog.FingerprintedPath(a), a)))
                .ToList();
            Parallel.ForEach(copies, copy =>
            {
                var (path, asset) = copy;
                if (previous.Entries.TryGetValue(path, out var old) && old.OutputHash == asset.Hash && IsOnDisk(path, old.Length, asset.Hash))
                {
                    _entries[path] = old;
                    return;
                }

                output.Write(path, asset.ReadAll());
                _entries[path] = new ManifestEntry(asset.Hash, Hash128.Zero, [], asset.Hash, asset.Length, pass.ChangedAt);
                _changed.Add(path);
            });
        }

        /// <summary>Deletes what the previous build wrote and this one did not: last, so no page links to a missing file meanwhile.</summary>
        public int RemoveStale()
        {
            var removed = 0;
            foreach (var path in previous.Entries.Keys.Where(p => !_entries.ContainsKey(p)).Order(StringComparer.Ordinal))
            {
                output.Delete(path);
                _changed.Add(path);
                removed++;
            }

            foreach (var (path, entry) in _entries)
            {
                Manifest.Entries[path] = entry;
            }

            return removed;
        }

        private void Store(string path, Hash128 inputHash, string[] dependencies, byte[] bytes)
        {
            var outputHash = InputHash.Of(bytes);
            var same = previous.Entries.TryGetValue(path, out var old) && old.OutputHash == outputHash;
            if (!(same && IsOnDisk(path, bytes.Length, outputHash)))
            {
                output.Write(path, bytes);
                _changed.Add(path);
            }

            // A file written again with the bytes it had (it was deleted meanwhile) did not change for its readers.
            var changedAt = same ? old!.ChangedAt : pass.ChangedAt;
            _entries[path] = new ManifestEntry(inputHash, DependencyHash(dependencies), dependencies, outputHash, bytes.Length, changedAt);
        }

        // An incremental build trusts the manifest when the file is still there with its size; a clean one reads it back;
        // the warm engine, the only writer of the folder while it runs, trusts the manifest it keeps in memory.
        private bool IsOnDisk(string path, long length, Hash128 hash) =>
            pass.TrustManifest || (clean ? output.Holds(path, hash) : output.Matches(path, length));

        private bool IsCurrent(string path, Hash128 inputHash, ManifestEntry old) =>
            old.InputHash == inputHash
            && old.DependencyHash == DependencyHash(old.Dependencies)
            && (pass.TrustManifest || output.Matches(path, old.Length));

        private Hash128 DependencyHash(IReadOnlyList<string> dependencies)
        {
            if (dependencies.Count == 0)
            {
                return Hash128.Zero;
            }

            var hash = new InputHash();
            foreach (var dependency in dependencies)
            {
                hash.Add(dependency).Add(assets.Fingerprint(dependency));
            }

            return hash.Value;
        }
    }
}
