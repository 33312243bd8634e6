using Jamcart.Storage;

using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed class CatalogSyncTests
{
    private static readonly Dictionary<string, string?> NoDatabaseFromEnvironment = new() { ["JAMCART_DATABASE"] = null };

    [Fact]
    public async Task a_build_with_a_database_syncs_prices_seeds_stock_once_and_renders_the_database_stock()
    {
        using var temp = new TempFolder();
        WriteStore(temp, "database: sqlite:data/store.db\n", greenStock: 5);

        var first = await CliProcess.RunAsync(NoDatabaseFromEnvironment, "build", temp["shop"]);

        first.ExitCode.ShouldBe(0, first.Error);
        first.Out.ShouldContain("synced catalog: 2 added");
        await using (var database = await CheckoutDatabase.OpenAsync("sqlite:" + temp["shop/data/store.db"], TimeProvider.System, cancellationToken: TestContext.Current.CancellationToken))
        {
            var sellable = (await database.Store.GetPricesAsync(["GREEN", "BLACK"], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken)).Sellable;
            sellable["GREEN"].Price.Minor.ShouldBe(12_000);
            sellable["BLACK"].Title.ShouldBe("Black tea");
            var stock = await database.Store.GetInventoryAsync(["GREEN"], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
            stock["GREEN"].OnHand.ShouldBe(5);

            // The shop sells the last units: from now on the database, not the front matter, owns stock.
            await using var transaction = await database.Store.BeginAsync(TestContext.Current.CancellationToken);
            await transaction.SetOnHandAsync("GREEN", 0, TestContext.Current.CancellationToken);
            await transaction.CommitAsync(TestContext.Current.CancellationToken);
        }

        WriteStore(temp, "database: sqlite:data/store.db\n", greenStock: 50, greenPrice: "13000");
        var second = await CliProcess.RunAsync(NoDatabaseFromEnvironment, "build", temp["shop"]);

        second.ExitCode.ShouldBe(0, second.Error);
        second.Out.ShouldContain("0 added (stock seeded), 1 changed");
        var page = File.ReadAllText(temp["shop/public/products/green/index.html"]);
        page.ShouldContain("https://schema.org/OutOfStock");
        page.ShouldContain("13,000");
        await using (var database = await CheckoutDatabase.OpenAsync("sqlite:" + temp["shop/data/store.db"], TimeProvider.System, cancellationToken: TestContext.Current.CancellationToken))
        {
            var stock = await database.Store.GetInventoryAsync(["GREEN"], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
            stock["GREEN"].OnHand.ShouldBe(0, "a re-sync never overwrites stock the database owns");
            (await database.Store.GetPricesAsync(["GREEN"], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken)).Sellable["GREEN"].Price.Minor.ShouldBe(13_000);
        }
    }

    [Fact]
    public async Task a_build_whose_pages_fail_to_render_leaves_the_database_as_it_was()
    {
        using var temp = new TempFolder();
        WriteStore(temp, "database: sqlite:data/store.db\n", greenStock: 50);
        var first = await CliProcess.RunAsync(NoDatabaseFromEnvironment, "build", temp["shop"]);
        first.ExitCode.ShouldBe(0, first.Error);
        File.ReadAllText(temp["shop/public/products/green/index.html"]).ShouldContain("https://schema.org/InStock", Case.Sensitive,
            "a SKU new to the database renders with the stock the sync seeds it with");

        // A new price, and a template that names an asset the store does not have: the product pages cannot render.
        WriteStore(temp, "database: sqlite:data/store.db\n", greenStock: 50, greenPrice: "13000");
        File.WriteAllText(temp["shop/products/oolong.md"], "---\nsku: OOLONG\ntitle: Oolong\nprice: 15000\nstock: 4\n---\nRoasted.\n");
        Directory.CreateDirectory(temp["shop/templates"]);
        File.WriteAllText(temp["shop/templates/product.liquid"], "{{ 'missing.css' | asset_url }}\n");

        var failed = await CliProcess.RunAsync(NoDatabaseFromEnvironment, "build", temp["shop"]);

        failed.ExitCode.ShouldBe(1, failed.Out + failed.Error);
        (failed.Out + failed.Error).ShouldContain("asset 'missing.css' does not exist");
        await using var database = await CheckoutDatabase.OpenAsync("sqlite:" + temp["shop/data/store.db"], TimeProvider.System, cancellationToken: TestContext.Current.CancellationToken);
        var prices = await database.Store.GetPricesAsync(["GREEN", "OOLONG"], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken);
        prices.Sellable["GREEN"].Price.Minor.ShouldBe(12_000, "the published pages still show 12,000: the functions must still charge it");
        prices.Sellable.ShouldNotContainKey("OOLONG");
        (await database.Store.GetInventoryAsync(["OOLONG"], DateTimeOffset.UtcNow, TestContext.Current.CancellationToken)).ShouldNotContainKey("OOLONG");
    }

    [Fact]
    public async Task a_sqlite_database_inside_the_output_folder_is_refused_before_it_is_made()
    {
        using var temp = new TempFolder();
        WriteStore(temp, "database: sqlite:public/data/store.db\n", greenStock: 5);

        var fromFile = await CliProcess.RunAsync(NoDatabaseFromEnvironment, "build", temp["shop"]);

        fromFile.ExitCode.ShouldBe(3, fromFile.Out + fromFile.Error);
        fromFile.Error.ShouldContain("inside the output folder");
        fromFile.Error.ShouldContain("jamcart.yml:5:11");
        File.Exists(temp["shop/public/data/store.db"]).ShouldBeFalse("every file of the output folder is published, orders and addresses with it");

        var fromEnvironment = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["JAMCART_DATABASE"] = "sqlite:" + temp["www/store.db"] }, "build", temp["shop"], "-o", temp["www"]);

        fromEnvironment.ExitCode.ShouldBe(3, fromEnvironment.Out + fromEnvironment.Error);
        fromEnvironment.Error.ShouldContain("(JAMCART_DATABASE) is the SQLite file store.db inside the output folder");
        File.Exists(temp["www/store.db"]).ShouldBeFalse();
    }

    [Fact]
    public async Task the_environment_names_the_database_over_the_store_file()
    {
        using var temp = new TempFolder();
        WriteStore(temp, "database: sqlite:data/never.db\n", greenStock: 3);

        var result = await CliProcess.RunAsync(new Dictionary<string, string?> { ["JAMCART_DATABASE"] = "sqlite:" + temp["elsewhere.db"] }, "build", temp["shop"]);

        result.ExitCode.ShouldBe(0, result.Error);
        File.Exists(temp["elsewhere.db"]).ShouldBeTrue();
        File.Exists(temp["shop/data/never.db"]).ShouldBeFalse();
    }

    [Fact]
    public async Task a_store_without_a_database_renders_front_matter_stock_and_syncs_nothing()
    {
        using var temp = new TempFolder();
        WriteStore(temp, "", greenStock: 0);

        var result = await CliProcess.RunAsync(NoDatabaseFromEnvironment, "build", temp["shop"]);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldNotContain("synced");
        File.ReadAllText(temp["shop/public/products/green/index.html"]).ShouldContain("https://schema.org/OutOfStock");
    }

    [Fact]
    public async Task an_unreachable_database_fails_the_build_with_a_message_and_no_secret()
    {
        using var temp = new TempFolder();
        WriteStore(temp, "", greenStock: 1);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["JAMCART_DATABASE"] = "postgres://shop:hunter2-secret@127.0.0.1:1/shop" }, "build", temp["shop"]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldContain("cannot sync the catalog to the store database (JAMCART_DATABASE)");
        result.Error.ShouldNotContain("hunter2-secret");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task a_connection_string_of_no_known_form_is_refused_without_repeating_it()
    {
        using var temp = new TempFolder();
        WriteStore(temp, "database: mysql://root:hunter2-secret@localhost/shop\n", greenStock: 1);

        var result = await CliProcess.RunAsync(NoDatabaseFromEnvironment, "build", temp["shop"]);

        result.ExitCode.ShouldBe(3, "a setting to correct");
        result.Error.ShouldContain("store database");
        result.Error.ShouldContain("jamcart.yml:5:11)", Case.Sensitive, "the line and column of database:'s value");
        result.Error.ShouldNotContain("hunter2-secret");
    }

    private static void WriteStore(TempFolder temp, string databaseLine, int greenStock, string greenPrice = "12000")
    {
        Directory.CreateDirectory(temp["shop/products"]);
        File.WriteAllText(temp["shop/jamcart.yml"], "name: Tea\nbaseUrl: https://tea.example\ncurrency: KRW\nlocale: ko\n" + databaseLine);
        File.WriteAllText(temp["shop/products/green.md"], $"---\nsku: GREEN\ntitle: Green tea\nprice: {greenPrice}\nstock: {greenStock}\n---\nFresh.\n");
        File.WriteAllText(temp["shop/products/black.md"], "---\nsku: BLACK\ntitle: Black tea\nprice: 9000\nstock: 20\n---\nStrong.\n");
    }
}
