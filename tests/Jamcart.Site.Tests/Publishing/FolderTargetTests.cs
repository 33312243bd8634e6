using Shouldly;

namespace Jamcart.Site.Tests;

public sealed class FolderTargetTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_first_publish_copies_every_file_and_the_next_one_copies_nothing()
    {
        using var site = PublishTestSite.Shop();
        var target = new FolderTarget(site.Target);

        var first = await target.PublishAsync(site.Everything(), Ct);
        var second = await target.PublishAsync(site.Everything(), Ct);

        first.Written.Count.ShouldBe(6);
        File.ReadAllText(Path.Combine(site.Target, "products/tea/index.html")).ShouldBe("<h1>Tea</h1><p>In stock</p>");
        second.ChangedPaths.ShouldBeEmpty();
        second.Unchanged.ShouldBe(6);
        Directory.Exists(Path.Combine(site.Root, ".www.jamcart")).ShouldBeTrue("the manifest lives beside the served folder, not in it");
        Directory.EnumerateFiles(site.Target, ".*", SearchOption.AllDirectories).ShouldBeEmpty();
    }

    [Fact]
    public async Task only_changed_files_are_written_and_removed_pages_deleted_with_their_empty_folders()
    {
        using var site = PublishTestSite.Shop();
        var target = new FolderTarget(site.Target);
        await target.PublishAsync(site.Everything(), Ct);

        site.Write("products/tea/index.html", "<h1>Tea</h1><p>Sold out</p>").Delete("sitemap.xml");
        File.Delete(Path.Combine(site.Source, "products/tea/index.html"));
        site.Write("products/cup/index.html", "<h1>Cup</h1>");
        var result = await target.PublishAsync(site.Changed("products/tea/index.html", "products/cup/index.html", "catalog.json", "sitemap.xml"), Ct);

        result.Written.ShouldBe(["products/cup/index.html"]);
        result.Deleted.ShouldBe(["products/tea/index.html", "sitemap.xml"], ignoreOrder: true);
        result.Unchanged.ShouldBe(1);
        Directory.Exists(Path.Combine(site.Target, "products", "tea")).ShouldBeFalse();
        File.Exists(Path.Combine(site.Target, "index.html")).ShouldBeTrue();
    }

    [Fact]
    public async Task a_whole_folder_publish_deletes_what_it_published_and_nothing_it_did_not()
    {
        using var site = PublishTestSite.Shop();
        var target = new FolderTarget(site.Target);
        await target.PublishAsync(site.Everything(), Ct);
        File.WriteAllText(Path.Combine(site.Target, "google1234.html"), "verification");

        site.Delete("sitemap.xml");
        var result = await new FolderTarget(site.Target).PublishAsync(site.Everything(), Ct);

        result.Deleted.ShouldBe(["sitemap.xml"]);
        File.Exists(Path.Combine(site.Target, "google1234.html")).ShouldBeTrue();
    }

    [Fact]
    public async Task readers_of_the_published_folder_see_the_old_file_or_the_new_one_never_a_mix()
    {
        using var site = PublishTestSite.Shop();
        var target = new FolderTarget(site.Target);
        var versions = new[] { new string('a', 200_000), new string('b', 300_000) };
        site.Write("products/tea/index.html", versions[0]);
        await target.PublishAsync(site.Everything(), Ct);
        var page = Path.Combine(site.Target, "products", "tea", "index.html");

        using var stop = new CancellationTokenSource();
        var reads = 0;
        var reader = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                File.ReadAllText(page).ShouldBeOneOf(versions);
                reads++;
            }
        }, Ct);
        for (var i = 1; i <= 60; i++)
        {
            site.Write("products/tea/index.html", versions[i % 2]);
            await target.PublishAsync(site.Changed("products/tea/index.html"), Ct);
        }

        await stop.CancelAsync();
        await reader;
        reads.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task publishing_the_built_site_into_itself_is_refused()
    {
        using var site = PublishTestSite.Shop();

        await Should.ThrowAsync<ArgumentException>(() => new FolderTarget(site.Source).PublishAsync(site.Everything(), Ct));
    }

    [Fact]
    public async Task a_path_outside_the_site_is_refused()
    {
        using var site = PublishTestSite.Shop();

        await Should.ThrowAsync<ArgumentException>(() => new FolderTarget(site.Target).PublishAsync(site.Changed("../secret"), Ct));
    }

    [Fact]
    public async Task the_invalidation_command_gets_the_changed_url_paths_and_a_failing_one_fails_the_publish()
    {
        using var site = PublishTestSite.Shop();
        var log = Path.Combine(site.Root, "invalidated.txt");
        var target = new FolderTarget(site.Target, new InvalidationCommand($"printf '%s\\n' >> '{log}'"), basePath: "/shop");

        await target.PublishAsync(site.Everything(), Ct);
        site.Write("products/tea/index.html", "<h1>Tea</h1><p>Sold out</p>");
        await target.PublishAsync(site.Changed("products/tea/index.html"), Ct);

        File.ReadAllLines(log)[^2..].ShouldBe(["/shop/products/tea/", "/shop/products/tea/index.html"]);

        var failing = new FolderTarget(Path.Combine(site.Root, "other"), new InvalidationCommand("echo no credentials >&2; exit 3"));
        var error = await Should.ThrowAsync<PublishException>(() => failing.PublishAsync(site.Everything(), Ct));
        error.Message.ShouldContain("exited with 3: no credentials");
        (await new FolderTarget(Path.Combine(site.Root, "other")).PublishAsync(site.Everything(), Ct)).Written.Count
            .ShouldBe(6, "a publish whose invalidation failed is done again in full");
    }
}
