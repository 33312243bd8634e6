using Shouldly;

namespace Jamcart.Site.Tests;

/// <summary>
/// Every incremental build test again, each build through one warm <see cref="IncrementalSite"/> refreshed from the
/// store folder (what a build server does), plus what only the warm path has: product edits read alone, and edits
/// that file times cannot tell apart.
/// </summary>
public sealed class WarmIncrementalBuildTests : IncrementalBuildTests
{
    protected override bool Warm => true;

    [Fact]
    public async Task a_product_edit_reads_that_file_alone_and_renders_what_reads_it()
    {
        using var store = NewStore();
        store.Product("a", "A-1", stock: 50, extra: "categories: [Tea]\n").Product("b", "B-1", extra: "categories: [Other]\n");
        (await store.BuildAsync()).ShouldSucceed();

        store.Product("a", "A-1", price: "15000", stock: 50, extra: "categories: [Tea]\n");
        var result = await store.BuildAsync();

        result.ShouldSucceed();
        result.Timings.Select(t => t.Phase).ShouldContain("stamps", "answered from the loaded store, not by loading it again");
        result.ChangedPaths.ShouldBe(["catalog.json", "categories/tea/index.html", "index.html", "products/a/index.html"], ignoreOrder: true);
        store.Output("products/a/index.html").ShouldContain("15,000");
    }

    [Fact]
    public async Task an_edit_with_the_same_size_and_time_as_the_last_one_is_still_seen()
    {
        using var store = NewStore();
        store.Product("a", "A-1", stock: 41);
        (await store.BuildAsync()).ShouldSucceed();
        var file = Path.Combine(store.StoreRoot, "products", "a.md");
        var written = File.GetLastWriteTimeUtc(file);

        // Two writes within one tick of the file clock: same size, same time, different bytes.
        store.Product("a", "A-1", stock: 0);
        store.Product("a", "A-1", stock: 2);
        File.SetLastWriteTimeUtc(file, written);
        var result = await store.BuildAsync();

        result.ShouldSucceed();
        store.Html("products/a/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldContain("2");
    }

    [Fact]
    public async Task a_product_whose_sku_changes_loads_the_store_again_and_checks_duplicates()
    {
        using var store = NewStore();
        store.Product("a", "A-1").Product("b", "B-1");
        (await store.BuildAsync()).ShouldSucceed();

        store.Product("b", "A-1");
        var result = await store.BuildAsync();

        result.ShouldHaveError("products/b.md", 2, "used twice");
    }

    [Fact]
    public async Task a_product_edit_with_an_error_is_reported_at_its_line()
    {
        using var store = NewStore();
        store.Product("a", "A-1").Product("b", "B-1");
        (await store.BuildAsync()).ShouldSucceed();

        store.Product("b", "B-1", price: "12.5");
        var failed = await store.BuildAsync();
        store.Product("b", "B-1", price: "13000");
        var fixedAgain = await store.BuildAsync();

        failed.ShouldHaveError("products/b.md", 4, "KRW");
        fixedAgain.ShouldSucceed();
        store.Output("products/b/index.html").ShouldContain("13,000");
    }

    [Fact]
    public async Task a_build_by_someone_else_in_between_is_noticed()
    {
        using var store = NewStore();
        store.Product("a", "A-1", stock: 50);
        (await store.BuildAsync()).ShouldSucceed();

        store.Product("a", "A-1", stock: 0);
        (await SiteBuilder.BuildAsync(new BuildOptions(store.StoreRoot, store.OutputRoot), TestContext.Current.CancellationToken)).ShouldSucceed();
        store.Product("a", "A-1", stock: 50);
        var result = await store.BuildAsync();

        result.ShouldSucceed();
        store.Html("products/a/index.html").QuerySelector(".product-price .badge")!.ClassName.ShouldBe("badge badge-in_stock");
    }
}
