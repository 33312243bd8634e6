using Jamcart.Core;

using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>
/// The up-to-date shortcut of a one-shot build: answered from the snapshot only when every input and output is as the
/// last complete build left it, and never when that cannot be proven.
/// </summary>
public sealed class BuildSnapshotTests
{
    private const string Shortcut = "up to date";

    [Fact]
    public async Task an_unchanged_store_is_answered_from_the_snapshot_without_loading_it()
    {
        using var store = AgedStore();
        var first = await store.BuildAsync();
        first.ShouldSucceed();

        var again = await store.BuildAsync();

        again.ShouldSucceed();
        PhasesOf(again).ShouldBe([Shortcut]);
        again.Outputs.ShouldBe(first.Outputs);
        again.Rendered.ShouldBe(0);
        again.Written.ShouldBe(0);
        again.ChangedPaths.ShouldBeEmpty();
    }

    [Fact]
    public async Task the_warnings_of_the_build_that_saved_it_are_reported_again()
    {
        using var store = new TestStore();
        store.Product("a", "A-1", extra: "categores: [Green]\n");
        Age(store);
        var first = await store.BuildAsync();

        var again = await store.BuildAsync();

        PhasesOf(again).ShouldBe([Shortcut]);
        again.Diagnostics.ShouldBe(first.Diagnostics);
        again.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("did you mean 'categories'?");
    }

    [Fact]
    public async Task an_edited_product_is_built_even_when_its_size_is_unchanged()
    {
        using var store = AgedStore();
        await store.BuildAsync();

        // "stock: 10" becomes "stock: 0" and a blank line: the same number of bytes.
        store.Product("a", "A-1", stock: 0, extra: "\n");
        File.SetLastWriteTimeUtc(Path.Combine(store.StoreRoot, "products", "a.md"), DateTime.UtcNow.AddMinutes(-30));
        var result = await store.BuildAsync();

        PhasesOf(result).ShouldNotContain(Shortcut);
        result.ChangedPaths.ShouldContain("products/a/index.html");
        store.Html("products/a/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldBe("품절");
    }

    [Fact]
    public async Task an_added_product_is_built()
    {
        using var store = AgedStore();
        await store.BuildAsync();

        store.Product("c", "C-1");
        Age(store);
        var result = await store.BuildAsync();

        PhasesOf(result).ShouldNotContain(Shortcut);
        store.Exists("products/c/index.html").ShouldBeTrue();
    }

    [Fact]
    public async Task a_deleted_or_truncated_output_is_written_again()
    {
        using var store = AgedStore();
        await store.BuildAsync();
        var page = store.Output("products/b/index.html");

        File.Delete(Path.Combine(store.OutputRoot, "products", "a", "index.html"));
        File.WriteAllText(Path.Combine(store.OutputRoot, "products", "b", "index.html"), "");
        var result = await store.BuildAsync();

        PhasesOf(result).ShouldNotContain(Shortcut);
        store.Exists("products/a/index.html").ShouldBeTrue();
        store.Output("products/b/index.html").ShouldBe(page);
    }

    [Fact]
    public async Task a_file_written_moments_before_the_build_is_not_vouched_for()
    {
        using var store = AgedStore();
        store.Product("a", "A-1", stock: 7);
        await store.BuildAsync();

        var again = await store.BuildAsync();

        // Within the file system's time granularity the file may change again unseen: the next build looks at it.
        PhasesOf(again).ShouldNotContain(Shortcut);
    }

    [Fact]
    public async Task a_clean_build_ignores_the_snapshot()
    {
        using var store = AgedStore();
        await store.BuildAsync();

        var clean = await store.BuildAsync(clean: true);

        PhasesOf(clean).ShouldNotContain(Shortcut);
        clean.Rendered.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task stock_from_a_database_named_outside_the_store_is_read_at_every_build()
    {
        using var store = AgedStore();
        var stock = new SettableStock { ["A-1"] = 5, ["B-1"] = 5 };
        var options = new BuildOptions(store.StoreRoot, store.OutputRoot) { CatalogSync = new OutsideDatabase(stock) };
        await SiteBuilder.BuildAsync(options, TestContext.Current.CancellationToken);
        await SiteBuilder.BuildAsync(options, TestContext.Current.CancellationToken);

        stock["A-1"] = 0;
        var result = await SiteBuilder.BuildAsync(options, TestContext.Current.CancellationToken);

        PhasesOf(result).ShouldNotContain(Shortcut);
        result.ChangedPaths.ShouldContain("products/a/index.html");
    }

    [Fact]
    public async Task a_render_by_another_writer_withdraws_the_snapshot()
    {
        using var store = AgedStore();
        await store.BuildAsync();
        var stock = new SettableStock { ["A-1"] = 0, ["B-1"] = 10 };

        // The warm engine of the rebuild worker renders database stock into the same folder.
        var (warm, opened) = await IncrementalSite.OpenAsync(new BuildOptions(store.StoreRoot, store.OutputRoot) { Stock = stock }, TestContext.Current.CancellationToken);
        using (warm)
        {
            opened.ShouldSucceed();
        }

        var result = await store.BuildAsync();

        PhasesOf(result).ShouldNotContain(Shortcut);
        store.Html("products/a/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldNotBe("품절", "front-matter stock is 10 again");
    }

    private static TestStore AgedStore()
    {
        var store = new TestStore();
        store.Product("a", "A-1").Product("b", "B-1");
        Age(store);
        return store;
    }

    // Files the build finds older than its racy window, as a store checked out or edited a while ago.
    private static void Age(TestStore store)
    {
        var then = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.EnumerateFiles(store.StoreRoot, "*", SearchOption.AllDirectories))
        {
            File.SetLastWriteTimeUtc(file, then);
        }
    }

    private static List<string> PhasesOf(BuildResult result) => result.Timings.Select(t => t.Phase).ToList();

    /// <summary>A catalog sync whose database comes from the environment, as <c>JAMCART_DATABASE</c> does.</summary>
    private sealed class OutsideDatabase(IStockSource stock) : ICatalogSync
    {
        public bool ConfiguredOutsideStore => true;

        public Task<IStockSource?> OpenAsync(StoreSource source, CancellationToken cancellationToken) =>
            Task.FromResult<IStockSource?>(stock);

        public Task SyncAsync(StoreSource source, CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
