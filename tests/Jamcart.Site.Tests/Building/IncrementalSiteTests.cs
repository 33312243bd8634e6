using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class IncrementalSiteTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task selling_the_last_unit_says_sold_out_on_the_page_and_in_its_json_ld_and_a_refund_brings_it_back()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 1;
        using var site = await OpenAsync(store, stock);

        stock["A-1"] = 0;
        var sold = await site.UpdateAvailabilityAsync(["A-1"], Ct);

        sold.ShouldSucceed();
        sold.ChangedPaths.ShouldBe(["catalog.json", "categories/tea/index.html", "index.html", "products/a/index.html"], ignoreOrder: true);
        store.Html("products/a/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldBe("품절");
        store.Output("products/a/index.html").ShouldContain("\"availability\":\"https://schema.org/OutOfStock\"");
        store.Output("catalog.json").ShouldContain("\"availability\":\"sold_out\"");

        stock["A-1"] = 1;
        var refunded = await site.UpdateAvailabilityAsync(["A-1"], Ct);

        refunded.ChangedPaths.ShouldContain("products/a/index.html");
        store.Output("products/a/index.html").ShouldContain("\"availability\":\"https://schema.org/InStock\"");
    }

    [Fact]
    public async Task a_sale_that_keeps_what_the_page_shows_renders_and_writes_nothing()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 50;
        using var site = await OpenAsync(store, stock);

        stock["A-1"] = 49;
        var result = await site.UpdateAvailabilityAsync(["A-1", "NOT-IN-STORE"], Ct);

        result.Rendered.ShouldBe(0);
        result.ChangedPaths.ShouldBeEmpty();
    }

    [Fact]
    public async Task low_stock_counts_down_on_the_page_and_its_listings()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 10;
        using var site = await OpenAsync(store, stock);

        stock["A-1"] = 2;
        var result = await site.UpdateAvailabilityAsync(["A-1"], Ct);

        result.ChangedPaths.ShouldContain("products/a/index.html");
        result.ChangedPaths.ShouldContain("categories/tea/index.html");
        result.ChangedPaths.ShouldNotContain("products/b/index.html");
        store.Output("catalog.json").ShouldContain("\"lowCount\":2");
    }

    [Fact]
    public async Task after_any_updates_the_folder_equals_a_clean_build_with_the_same_stock()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 5;
        stock["B-1"] = 0;
        using var site = await OpenAsync(store, stock);

        foreach (var (sku, units) in new[] { ("A-1", 0L), ("B-1", 2L), ("A-1", 3L), ("B-1", 40L), ("A-1", 0L) })
        {
            stock[sku] = units;
            (await site.UpdateAvailabilityAsync([sku], Ct)).ShouldSucceed();
        }

        var clean = Path.Combine(store.Root, "clean");
        (await SiteBuilder.BuildAsync(new BuildOptions(store.StoreRoot, clean) { Clean = true, Stock = stock }, Ct)).ShouldSucceed();
        Tree(store.OutputRoot).ShouldBe(Tree(clean));
    }

    [Fact]
    public async Task a_build_by_someone_else_is_noticed_and_the_store_loaded_again()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 5;
        using var site = await OpenAsync(store, stock);

        store.Product("a", "A-1", extra: "categories: [Tea]\n", body: "Edited.");
        (await SiteBuilder.BuildAsync(new BuildOptions(store.StoreRoot, store.OutputRoot) { Stock = stock }, Ct)).ShouldSucceed();
        store.Write("products/c.md", "---\nsku: C-1\ntitle: Product C-1\nprice: 1000\nstock: 1\n---\nNew.\n");
        (await SiteBuilder.BuildAsync(new BuildOptions(store.StoreRoot, store.OutputRoot) { Stock = stock }, Ct)).ShouldSucceed();

        stock["C-1"] = 0;
        await site.UpdateAvailabilityAsync(["C-1"], Ct);

        store.Html("products/c/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldBe("품절");
    }

    [Fact]
    public async Task a_product_its_stock_source_does_not_know_renders_sold_out_whatever_its_front_matter_says()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 5;
        store.Write("products/c.md", "---\nsku: C-1\ntitle: Product C-1\nprice: 1000\nstock: 30\n---\nNo build has synced it yet.\n");

        // The rebuild worker's stock is the database's: a product file no build has synced is not for sale yet.
        using var site = await OpenAsync(store, stock);

        store.Output("products/c/index.html").ShouldContain("\"availability\":\"https://schema.org/OutOfStock\"");
    }

    [Fact]
    public async Task the_sitemap_gives_each_page_the_time_its_bytes_last_changed()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 5;
        var clock = new SetClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero));
        using var site = await OpenAsync(store, stock, clock);
        store.Output("sitemap.xml").ShouldContain("<loc>https://shop.example.com/products/b/</loc><lastmod>2026-11-24T09:00:00Z</lastmod>");

        clock.Now = clock.Now.AddHours(2);
        stock["A-1"] = 0;
        var result = await site.UpdateAvailabilityAsync(["A-1"], Ct);

        result.ChangedPaths.ShouldContain("sitemap.xml");
        var sitemap = store.Output("sitemap.xml");
        sitemap.ShouldContain("<loc>https://shop.example.com/products/a/</loc><lastmod>2026-11-24T11:00:00Z</lastmod>");
        sitemap.ShouldContain("<loc>https://shop.example.com/products/b/</loc><lastmod>2026-11-24T09:00:00Z</lastmod>", Case.Sensitive,
            "a page whose bytes did not change keeps its time");
    }

    [Fact]
    public async Task a_build_without_a_change_clock_writes_no_lastmod_and_keeps_none_it_cannot_know()
    {
        using var store = Shop(out _);
        (await store.BuildAsync()).ShouldSucceed();

        store.Output("sitemap.xml").ShouldNotContain("lastmod");
    }

    [Fact]
    public async Task a_clean_build_in_the_same_folder_keeps_the_times_of_pages_it_writes_unchanged()
    {
        using var store = Shop(out var stock);
        stock["A-1"] = 5;
        var options = new BuildOptions(store.StoreRoot, store.OutputRoot)
        {
            Stock = stock,
            ChangeClock = new SetClock(new DateTimeOffset(2026, 11, 24, 9, 0, 0, TimeSpan.Zero)),
        };
        (await SiteBuilder.BuildAsync(options, Ct)).ShouldSucceed();

        var again = await SiteBuilder.BuildAsync(options with { Clean = true, ChangeClock = new SetClock(DateTimeOffset.UnixEpoch.AddYears(60)) }, Ct);

        again.ChangedPaths.ShouldBeEmpty();
        store.Output("sitemap.xml").ShouldContain("<lastmod>2026-11-24T09:00:00Z</lastmod>");
    }

    private static TestStore Shop(out SettableStock stock)
    {
        stock = new SettableStock();
        var store = new TestStore();
        store.Product("a", "A-1", extra: "categories: [Tea]\n").Product("b", "B-1", extra: "categories: [Other]\n");
        stock["B-1"] = 20;
        return store;
    }

    private static async Task<IncrementalSite> OpenAsync(TestStore store, SettableStock stock, TimeProvider? clock = null)
    {
        var (site, result) = await IncrementalSite.OpenAsync(
            new BuildOptions(store.StoreRoot, store.OutputRoot) { Stock = stock, ChangeClock = clock }, Ct);
        result.ShouldSucceed();
        site.IsLoaded.ShouldBeTrue();
        return site;
    }

    private static Dictionary<string, string> Tree(string root) =>
        Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
            .ToDictionary(f => Path.GetRelativePath(root, f), File.ReadAllText);
}
