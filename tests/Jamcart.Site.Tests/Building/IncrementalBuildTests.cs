using Shouldly;

namespace Jamcart.Site.Tests;

public class IncrementalBuildTests
{
    /// <summary>Whether every build goes through a warm <see cref="IncrementalSite"/>, as <c>jamcart build</c> through a build server.</summary>
    protected virtual bool Warm => false;

    private protected TestStore NewStore(string config = TestStore.DefaultConfig) => new(config, Warm);

    [Fact]
    public async Task a_build_with_nothing_changed_renders_and_writes_nothing()
    {
        using var store = NewStore();
        store.Product("a", "A-1").Product("b", "B-1");
        (await store.BuildAsync()).ShouldSucceed();

        var again = await store.BuildAsync();

        again.ShouldSucceed();
        again.Rendered.ShouldBe(0);
        again.Written.ShouldBe(0);
        again.ChangedPaths.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_stock_change_that_keeps_the_state_rewrites_no_listing()
    {
        using var store = NewStore();
        store.Product("a", "A-1", stock: 50, extra: "categories: [Tea]\n").Product("b", "B-1", extra: "categories: [Tea]\n");
        (await store.BuildAsync()).ShouldSucceed();

        store.Product("a", "A-1", stock: 40, extra: "categories: [Tea]\n");
        var result = await store.BuildAsync();

        result.Rendered.ShouldBe(1, "only the product page reads the edited file");
        result.ChangedPaths.ShouldBeEmpty("in stock before and after: no byte changes");
    }

    [Fact]
    public async Task selling_out_rewrites_the_product_its_listings_and_the_catalog()
    {
        using var store = NewStore();
        store.Product("a", "A-1", stock: 50, extra: "categories: [Tea]\n").Product("b", "B-1", extra: "categories: [Other]\n");
        (await store.BuildAsync()).ShouldSucceed();

        store.Product("a", "A-1", stock: 0, extra: "categories: [Tea]\n");
        var result = await store.BuildAsync();

        result.ChangedPaths.ShouldBe(["catalog.json", "categories/tea/index.html", "index.html", "products/a/index.html"], ignoreOrder: true);
        store.Html("products/a/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldBe("품절");
    }

    [Fact]
    public async Task editing_a_products_english_text_rewrites_its_english_pages_and_catalog()
    {
        using var store = NewStore(ProductTranslationTests.TwoLocales);
        store.Write("products/jeju-sejak.md", ProductTranslationTests.Sejak).Product("b", "B-1");
        (await store.BuildAsync()).ShouldSucceed();

        store.Write("products/jeju-sejak.md", ProductTranslationTests.Sejak.Replace("Jeju Sejak Green Tea", "Jeju Sejak, Spring Green Tea", StringComparison.Ordinal));
        var result = await store.BuildAsync();

        result.ShouldSucceed();
        result.ChangedPaths.ShouldBe(["en/catalog.json", "en/categories/green-tea/index.html", "en/index.html", "en/products/jeju-sejak/index.html"], ignoreOrder: true);
        store.Html("en/products/jeju-sejak/index.html").QuerySelector("h1")!.TextContent.ShouldBe("Jeju Sejak, Spring Green Tea");
    }

    [Fact]
    public async Task a_product_parsed_by_an_earlier_build_keeps_its_english_text()
    {
        using var store = NewStore(ProductTranslationTests.TwoLocales);
        store.Write("products/jeju-sejak.md", ProductTranslationTests.Sejak);
        (await store.BuildAsync()).ShouldSucceed();

        store.Write("i18n/en.yml", "nav.skip: Skip to the shop\n");
        var result = await store.BuildAsync();

        result.ShouldSucceed();
        result.ChangedPaths.ShouldContain("en/products/jeju-sejak/index.html");
        var page = store.Html("en/products/jeju-sejak/index.html");
        page.QuerySelector(".skip-link")!.TextContent.ShouldBe("Skip to the shop");
        page.QuerySelector("h1")!.TextContent.ShouldBe("Jeju Sejak Green Tea");
        page.QuerySelector(".description strong")!.TextContent.ShouldBe("volcanic soil");
    }

    [Fact]
    public async Task removing_a_product_removes_its_page()
    {
        using var store = NewStore();
        store.Product("a", "A-1").Product("b", "B-1", extra: "categories: [Only b]\n");
        (await store.BuildAsync()).ShouldSucceed();

        store.Delete("products/b.md");
        var result = await store.BuildAsync();

        result.Removed.ShouldBe(2);
        store.Exists("products/b/index.html").ShouldBeFalse();
        Directory.Exists(Path.Combine(store.OutputRoot, "products", "b")).ShouldBeFalse();
        store.Exists("categories/only-b/index.html").ShouldBeFalse();
    }

    [Fact]
    public async Task editing_a_template_re_renders_only_the_pages_that_use_it()
    {
        using var store = NewStore();
        store.Product("a", "A-1").Product("b", "B-1");
        (await store.BuildAsync()).ShouldSucceed();

        store.Write("templates/cart.liquid", "<h1>{{ 'cart.title' | t }}!</h1>");
        var result = await store.BuildAsync();

        result.Rendered.ShouldBe(1);
        result.ChangedPaths.ShouldBe(["cart/index.html"]);
    }

    [Fact]
    public async Task editing_an_included_template_re_renders_its_includers()
    {
        using var store = NewStore();
        store.Product("a", "A-1", extra: "categories: [Tea]\n");
        (await store.BuildAsync()).ShouldSucceed();

        store.Write("templates/availability.liquid", "<b class=\"badge\">{{ product.availability.code }}</b>");
        var result = await store.BuildAsync();

        result.ChangedPaths.ShouldBe(["categories/tea/index.html", "index.html", "products/a/index.html"], ignoreOrder: true);
    }

    [Fact]
    public async Task changing_an_asset_re_renders_the_pages_that_reference_it()
    {
        using var store = NewStore();
        store.Write("assets/images/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
            .Product("a", "A-1", extra: "images: [images/a.svg]\n").Product("b", "B-1");
        (await store.BuildAsync()).ShouldSucceed();
        var before = store.Html("products/a/index.html").QuerySelector(".product-gallery img")!.GetAttribute("src")!;

        store.Write("assets/images/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"><rect/></svg>");
        var result = await store.BuildAsync();

        var after = store.Html("products/a/index.html").QuerySelector(".product-gallery img")!.GetAttribute("src")!;
        after.ShouldNotBe(before);
        store.Exists(after.TrimStart('/')).ShouldBeTrue();
        store.Exists(before.TrimStart('/')).ShouldBeFalse("the old fingerprinted copy is no longer referenced");
        result.ChangedPaths.ShouldNotContain("products/b/index.html");
    }

    [Fact]
    public async Task a_deleted_output_file_is_written_again()
    {
        using var store = NewStore();
        store.Product("a", "A-1");
        (await store.BuildAsync()).ShouldSucceed();

        File.Delete(Path.Combine(store.OutputRoot, "products", "a", "index.html"));
        var result = await store.BuildAsync();

        result.ChangedPaths.ShouldBe(["products/a/index.html"]);
        store.Exists("products/a/index.html").ShouldBeTrue();
    }

    [Fact]
    public async Task no_temporary_file_is_left_behind_and_the_manifest_is_not_published()
    {
        using var store = NewStore();
        store.Product("a", "A-1");

        (await store.BuildAsync()).ShouldSucceed();

        Directory.EnumerateFiles(store.OutputRoot, "*", SearchOption.AllDirectories)
            .ShouldAllBe(f => !Path.GetFileName(f).StartsWith('.') && !f.EndsWith(".tmp", StringComparison.Ordinal));
        Directory.Exists(Path.Combine(store.Root, ".out.jamcart")).ShouldBeTrue();
    }

    [Fact]
    public async Task a_clean_build_renders_everything_again()
    {
        using var store = NewStore();
        store.Product("a", "A-1");
        var first = await store.BuildAsync();

        var clean = await store.BuildAsync(clean: true);

        clean.Rendered.ShouldBe(first.Rendered);
        clean.Written.ShouldBe(0, "same inputs give the same bytes, so nothing is rewritten");
    }

    [Fact]
    public async Task warnings_of_an_unchanged_file_are_reported_by_every_build()
    {
        using var store = NewStore();
        store.Product("a", "A-1", extra: "colour: green\n");
        var first = await store.BuildAsync();

        var second = await store.BuildAsync();

        first.Diagnostics.ShouldHaveSingleItem().Message.ShouldContain("unknown key 'colour'");
        second.Diagnostics.ShouldBe(first.Diagnostics);
    }

    [Fact]
    public async Task deleting_an_image_is_an_error_for_an_unchanged_product_that_uses_it()
    {
        using var store = NewStore();
        store.Write("assets/images/a.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>").Product("a", "A-1", extra: "images: [images/a.svg]\n");
        (await store.BuildAsync()).ShouldSucceed();

        store.Delete("assets/images/a.svg");
        var result = await store.BuildAsync();

        result.ShouldHaveError("products/a.md", 6, "assets/images/a.svg");
    }

    [Fact]
    public async Task a_broken_template_is_reported_again_until_it_is_fixed()
    {
        using var store = NewStore();
        store.Product("a", "A-1").Write("templates/cart.liquid", "{% if %}");

        var first = await store.BuildAsync();
        var second = await store.BuildAsync();
        store.Write("templates/cart.liquid", "<p>fixed</p>");
        var third = await store.BuildAsync();

        first.ShouldHaveError("templates/cart.liquid", 1, "does not parse");
        second.ShouldHaveError("templates/cart.liquid", 1, "does not parse");
        third.ShouldSucceed();
        store.Output("cart/index.html").ShouldContain("<p>fixed</p>");
    }

    [Fact]
    public async Task files_known_by_size_and_time_are_still_rebuilt_when_either_changes()
    {
        using var store = NewStore();
        store.Product("a", "A-1", stock: 50).Product("b", "B-1", stock: 50);
        var anHourAgo = DateTime.UtcNow.AddHours(-1);
        foreach (var file in Directory.GetFiles(Path.Combine(store.StoreRoot, "products")))
        {
            File.SetLastWriteTimeUtc(file, anHourAgo);
        }

        (await store.BuildAsync()).ShouldSucceed();
        (await store.BuildAsync()).Rendered.ShouldBe(0);

        store.Product("a", "A-1", stock: 0);
        store.Product("b", "B-1", stock: 9);
        File.SetLastWriteTimeUtc(Path.Combine(store.StoreRoot, "products", "b.md"), anHourAgo);
        var result = await store.BuildAsync();

        result.ChangedPaths.ShouldContain("products/a/index.html", "a new modification time");
        store.Html("products/a/index.html").QuerySelector(".product-price .badge")!.TextContent.ShouldBe("품절");
        result.Rendered.ShouldBeGreaterThanOrEqualTo(2, "b kept its time but not its size");
    }
}
