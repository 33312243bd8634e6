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
    private static readonly UInt128 Engine = new InputHash()
        .Add(typeof(SiteBuilder).Assembly.ManifestModule.ModuleVersionId.ToString())
        .Add(typeof(Money).Assembly.ManifestModule.ModuleVersionId.ToString())
        .Value;

    public static async Task<BuildResult> BuildAsync(BuildOptions options, CancellationToken cancellationToken = default)
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
        var parsedTemplates = templates.Validate(options.Clean ? new HashSet<UInt128>() : previous.ParsedTemplates, diagnostics);
        timings.Mark("templates");
        if (diagnostics.HasErrors || source.Config is not { } config)
        {
            return new BuildResult(diagnostics.Sorted(), 0, 0, 0, 0, [], clock.Elapsed) { Timings = timings.Phases };
        }

        var synced = options.CatalogSync is null ? null : await options.CatalogSync.SyncAsync(source, cancellationToken);
        timings.Mark("catalog sync");
        var stock = synced ?? options.Stock ?? new FrontMatterStock(source.Products);
        var available = await stock.GetAvailableAsync(source.Products.Select(p => p.Sku).ToList(), cancellationToken);
        var availability = source.Products.ToDictionary(
            p => p.Sku,
            p => Availability.From(available.GetValueOrDefault(p.Sku), config.LowStockThreshold),
            StringComparer.Ordinal);

        var assets = new AssetCatalog(source.Assets, config.BasePath);
        // Built only when a page is rendered: most incremental builds render none.
        var renderer = new Lazy<SiteRenderer>(() => new SiteRenderer(templates, assets, source.Products.ToDictionary(p => p.Sku, StringComparer.Ordinal), new JsonLd(config)));
        var planner = new SitePlanner(source, templates, renderer, availability, Engine);
        var run = new BuildRun(new OutputFolder(Path.GetFullPath(options.OutputRoot)), previous, options.Clean, assets, diagnostics);
        var locales = planner.Locales();
        var jobs = locales.SelectMany(planner.Plan).ToList();
        timings.Mark("plan");
        await run.RenderPagesAsync(jobs, options.Progress, cancellationToken);
        timings.Mark("render");
        WriteDataFiles(run, planner, locales, config, jobs);
        timings.Mark("data files");
        run.CopyAssets();
        var removed = run.RemoveStale();
        timings.Mark("assets, removals");
        run.Manifest.ParsedTemplates.UnionWith(parsedTemplates);
        if (!run.ChangedPaths.IsEmpty || run.Rendered > 0 || !run.Manifest.ParsedTemplates.SetEquals(previous.ParsedTemplates)
            || run.Manifest.Entries.Count != previous.Entries.Count)
        {
            run.Manifest.Save(options.OutputRoot, Engine);
        }

        if (!diagnostics.HasErrors)
        {
            cache.Save(sidecar);
        }

        timings.Mark("save manifest");

        return new BuildResult(diagnostics.Sorted(), run.Manifest.Entries.Count, run.Rendered, run.ChangedPaths.Count - removed,
            removed, run.ChangedPaths.Order(StringComparer.Ordinal).ToList(), clock.Elapsed)
        { Timings = timings.Phases };
    }

    private static void WriteDataFiles(BuildRun run, SitePlanner planner, List<LocaleSite> locales, StoreConfig config, List<PageJob> jobs)
    {
        var origin = config.BaseUrl.GetLeftPart(UriPartial.Authority);
        foreach (var site in locales)
        {
            run.WriteData(site.Urls.FileOf(site.Urls.Catalog), planner.CatalogHash(site),
                dependencies => CatalogJson.Write(planner, site, config, run.Assets, dependencies));
        }

        var privatePages = locales.SelectMany(s => new[] { s.Urls.Cart, s.Urls.Checkout, s.Urls.Order }).ToList();
        var indexable = jobs.Select(j => j.Path)
            .Where(p => p.EndsWith("index.html", StringComparison.Ordinal))
            .Select(p => config.BasePath + "/" + p[..^"index.html".Length])
            .Where(url => !privatePages.Contains(url))
            .ToList();
        var sitemapHash = new InputHash().Add(Engine).Add(origin);
        foreach (var url in indexable)
        {
            sitemapHash.Add(url);
        }

        run.WriteData("sitemap.xml", sitemapHash.Value, _ => Sitemap.Write(origin, indexable));
        run.WriteData("robots.txt", UInt128.Zero, _ => RobotsTxt.Write($"{origin}{config.BasePath}/sitemap.xml", privatePages));

        var scripts = run.ReferencedAssets()
            .Select(path => run.Assets.TryGet(path, out var asset) ? asset : null)
            .OfType<StoreAsset>()
            .Where(a => a.Path.EndsWith(".js", StringComparison.Ordinal) || a.Path.EndsWith(".mjs", StringComparison.Ordinal))
            .Select(run.Assets.IntegrityOf);
        var policy = HeadersFile.ContentSecurityPolicy(config, scripts);
        var fingerprinted = run.FingerprintedAssets().Select(a => config.BasePath + "/" + AssetCatalog.FingerprintedPath(a));
        run.WriteData(HeadersFile.FileName, UInt128.Zero, _ => HeadersFile.Write(config, policy, fingerprinted));
    }

    /// <summary>The state of one build: what the last one left, what this one writes.</summary>
    /// <param name="clean">Render everything and compare with the files on disk rather than trusting the manifest.</param>
    private sealed class BuildRun(OutputFolder output, BuildManifest previous, bool clean, AssetCatalog assets, DiagnosticBag diagnostics)
    {
        private readonly ConcurrentDictionary<string, ManifestEntry> _entries = new(StringComparer.Ordinal);
        private readonly ConcurrentBag<string> _changed = [];
        private int _rendered;
        private IReadOnlyList<string>? _referenced;

        public AssetCatalog Assets => assets;
        public int Rendered => _rendered;
        public ConcurrentBag<string> ChangedPaths => _changed;
        public BuildManifest Manifest { get; } = new();

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
                // Fluid's own runtime limits (recursion, steps) surface as this type.
                diagnostics.Error(job.Path, 1, 1, $"rendering failed: {e.Message}");
                return;
            }

            Interlocked.Increment(ref _rendered);
            foreach (var error in page.Errors.Distinct(StringComparer.Ordinal))
            {
                diagnostics.Error(job.Path, 1, 1, error);
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
        public void WriteData(string path, UInt128 inputHash, Func<ISet<string>, byte[]> produce)
        {
            if (inputHash != UInt128.Zero && !clean && previous.Entries.TryGetValue(path, out var old) && IsCurrent(path, inputHash, old))
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
                _entries[path] = new ManifestEntry(asset.Hash, UInt128.Zero, [], asset.Hash, asset.Length);
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

        private void Store(string path, UInt128 inputHash, string[] dependencies, byte[] bytes)
        {
            var outputHash = InputHash.Of(bytes);
            var entry = new ManifestEntry(inputHash, DependencyHash(dependencies), dependencies, outputHash, bytes.Length);
            if (!(previous.Entries.TryGetValue(path, out var old) && old.OutputHash == outputHash && IsOnDisk(path, bytes.Length, outputHash)))
            {
                output.Write(path, bytes);
                _changed.Add(path);
            }

            _entries[path] = entry;
        }

        // An incremental build trusts the manifest when the file is still there with its size; a clean one reads it back.
        private bool IsOnDisk(string path, long length, UInt128 hash) =>
            clean ? output.Holds(path, hash) : output.Matches(path, length);

        private bool IsCurrent(string path, UInt128 inputHash, ManifestEntry old) =>
            old.InputHash == inputHash
            && old.DependencyHash == DependencyHash(old.Dependencies)
            && output.Matches(path, old.Length);

        private UInt128 DependencyHash(IReadOnlyList<string> dependencies)
        {
            if (dependencies.Count == 0)
            {
                return UInt128.Zero;
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
