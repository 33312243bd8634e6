using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Storage.Tests.Builders;

using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    [Fact]
    public async Task first_sync_seeds_stock_and_reports_every_sku_added()
    {
        var result = await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-2", 3), TestCatalog.Item("TEA-1", 5)], Now, Ct);

        result.Added.ShouldBe(["TEA-1", "TEA-2"], ignoreOrder: true);
        result.Changed.ShouldBeEmpty();
        result.Removed.ShouldBeEmpty();
        (await LevelAsync("TEA-1")).ShouldBe(new InventoryLevel("TEA-1", 5, 0));
        (await LevelAsync("TEA-2")).ShouldBe(new InventoryLevel("TEA-2", 3, 0));
        var sellable = (await Store.GetPricesAsync(["TEA-1", "TEA-2", "NO-SUCH-SKU"], Now, Ct)).Sellable;
        sellable.Keys.ShouldBe(["TEA-1", "TEA-2"], ignoreOrder: true);
        sellable["TEA-1"].ShouldBe(TestCatalog.Item("TEA-1", 5));
    }

    [Fact]
    public async Task prices_are_read_with_the_settings_in_one_call_and_unknown_or_draft_skus_left_out()
    {
        var before = await Store.GetPricesAsync(["TEA-1"], Now, Ct);
        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1", 5), TestCatalog.Item("DRAFT-1", 5) with { Draft = true }], Now, Ct);

        var prices = await Store.GetPricesAsync(["TEA-1", "TEA-1", "DRAFT-1", "NO-SUCH-SKU"], Now, Ct);
        var none = await Store.GetPricesAsync([], Now, Ct);
        var many = await Store.GetPricesAsync([.. Enumerable.Range(0, 1200).Select(i => $"SKU-{i}"), "TEA-1"], Now, Ct);

        before.Settings.ShouldBeNull();
        before.Sellable.ShouldBeEmpty();
        ShouldBeSame(prices.Settings, TestCatalog.Settings());
        prices.Sellable.Keys.ShouldBe(["TEA-1"]);
        prices.Sellable["TEA-1"].ShouldBe(TestCatalog.Item("TEA-1", 5));
        ShouldBeSame(none.Settings, TestCatalog.Settings());
        none.Sellable.ShouldBeEmpty();
        many.Sellable.Keys.ShouldBe(["TEA-1"]);
    }

    [Fact]
    public async Task prices_come_with_the_stock_counters_which_count_ran_out_reservations_until_released()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 1), ("TEA-3", 2));
        await PlaceOrderAsync(("TEA-1", 2), ("TEA-2", 1));
        await PlaceOrderAsync(("TEA-3", 2));
        await InTransactionAsync(t => t.SetOnHandAsync("TEA-3", 1, Ct));

        var running = await Store.GetPricesAsync(["TEA-1", "TEA-2", "TEA-3"], Now, Ct);
        var later = Now + TestOrders.Hold + TimeSpan.FromSeconds(1);
        var ranOut = await Store.GetPricesAsync(["TEA-1", "TEA-2", "TEA-3"], later, Ct);
        await InTransactionAsync(t => t.ReleaseExpiredReservationsAsync("TEA-2", later, Ct));
        var released = await Store.GetPricesAsync(["TEA-1", "TEA-2", "TEA-3"], later, Ct);

        running.Unreserved.ShouldBe(new Dictionary<string, long> { ["TEA-1"] = 3, ["TEA-2"] = 0, ["TEA-3"] = -1 });
        // The counters are read as they stand: a reservation that ran out counts until a write releases it.
        ranOut.Unreserved.ShouldBe(running.Unreserved);
        released.Unreserved.ShouldBe(new Dictionary<string, long> { ["TEA-1"] = 3, ["TEA-2"] = 1, ["TEA-3"] = -1 });
        // Where the counters leave nothing, the stock that only running reservations hold comes with them; the SKUs
        // they cover are not looked at (TEA-1's reservation ran out too).
        running.Running.ShouldBe(new Dictionary<string, long> { ["TEA-2"] = 0, ["TEA-3"] = -1 });
        ranOut.Running.ShouldBe(new Dictionary<string, long> { ["TEA-2"] = 1, ["TEA-3"] = 1 });
        released.Running.ShouldBe(new Dictionary<string, long> { ["TEA-3"] = 1 });
        (await Store.GetInventoryAsync(["TEA-2", "TEA-3"], later, Ct)).Values.Select(level => level.Available).ShouldBe([1L, 1L], ignoreOrder: true);
    }

    [Fact]
    public async Task resync_never_touches_the_stock_the_database_owns()
    {
        await SeedAsync(("TEA-1", 5));
        await InTransactionAsync(t => t.SetOnHandAsync("TEA-1", 2, Ct));

        var unchanged = await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1", 5)], Now, Ct);
        var restated = await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1", 50)], Now, Ct);

        foreach (var result in new[] { unchanged, restated })
        {
            result.Added.ShouldBeEmpty();
            result.Changed.ShouldBeEmpty();
            result.Removed.ShouldBeEmpty();
        }

        (await LevelAsync("TEA-1")).OnHand.ShouldBe(2);
    }

    [Fact]
    public async Task a_changed_product_is_reported_and_priced_anew()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));

        var result = await Store.SyncCatalogAsync(
            TestCatalog.Settings(), [TestCatalog.Item("TEA-1", price: 15000), TestCatalog.Item("TEA-2", title: "Green 🍵 <b>tea</b>\0")], Now, Ct);

        result.Changed.ShouldBe(["TEA-1", "TEA-2"], ignoreOrder: true);
        var sellable = (await Store.GetPricesAsync(["TEA-1", "TEA-2"], Now, Ct)).Sellable;
        sellable["TEA-1"].Price.ShouldBe(new Money(15000, Currency.KRW));
        sellable["TEA-2"].Title.ShouldBe("Green 🍵 <b>tea</b>\0");
    }

    [Fact]
    public async Task a_sku_left_out_of_the_catalog_is_unsellable_but_keeps_its_stock()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 4));

        var result = await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1")], Now, Ct);

        result.Removed.ShouldBe(["TEA-2"]);
        (await Store.GetPricesAsync(["TEA-1", "TEA-2"], Now, Ct)).Sellable.Keys.ShouldBe(["TEA-1"]);
        (await LevelAsync("TEA-2")).OnHand.ShouldBe(4);
        (await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1")], Now, Ct)).Removed.ShouldBeEmpty();
    }

    [Fact]
    public async Task a_removed_sku_is_out_of_the_catalog_and_a_draft_is_in_it()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 4));
        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1") with { Draft = true }], Now, Ct);

        (await InTransactionAsync(t => t.IsInCatalogAsync("TEA-1", Ct))).ShouldBeTrue();
        (await InTransactionAsync(t => t.IsInCatalogAsync("TEA-2", Ct))).ShouldBeFalse();
        (await InTransactionAsync(t => t.IsInCatalogAsync("NO-SUCH-SKU", Ct))).ShouldBeFalse();
        (await Store.GetCatalogInventoryAsync(["TEA-1", "TEA-2", "NO-SUCH-SKU"], Now, Ct)).Keys.ShouldBe(["TEA-1"]);
        (await Store.GetInventoryAsync(["TEA-2"], Now, Ct)).Keys.ShouldBe(["TEA-2"], "the row itself is kept for a re-add");
    }

    [Fact]
    public async Task a_removed_sku_added_back_is_sellable_with_its_old_stock()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 4));
        await InTransactionAsync(t => t.SetOnHandAsync("TEA-2", 1, Ct));
        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1")], Now, Ct);

        var result = await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1"), TestCatalog.Item("TEA-2", 4)], Now, Ct);

        result.Added.ShouldBeEmpty();
        result.Changed.ShouldBe(["TEA-2"]);
        (await Store.GetPricesAsync(["TEA-2"], Now, Ct)).Sellable.Keys.ShouldBe(["TEA-2"]);
        (await LevelAsync("TEA-2")).OnHand.ShouldBe(1);
    }

    [Fact]
    public async Task draft_products_are_synced_but_not_sellable()
    {
        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1"), TestCatalog.Item("DRAFT-1", 3, draft: true)], Now, Ct);

        (await Store.GetPricesAsync(["TEA-1", "DRAFT-1"], Now, Ct)).Sellable.Keys.ShouldBe(["TEA-1"]);
        (await LevelAsync("DRAFT-1")).OnHand.ShouldBe(3);

        var published = await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1"), TestCatalog.Item("DRAFT-1", 3)], Now, Ct);
        published.Changed.ShouldBe(["DRAFT-1"]);
        (await Store.GetPricesAsync(["DRAFT-1"], Now, Ct)).Sellable.Keys.ShouldBe(["DRAFT-1"]);
    }

    [Fact]
    public async Task settings_read_back_as_synced()
    {
        (await Store.GetSettingsAsync(Ct)).ShouldBeNull();
        var settings = TestCatalog.Settings();

        await Store.SyncCatalogAsync(settings, [], Now, Ct);
        ShouldBeSame(await Store.GetSettingsAsync(Ct), settings);

        var digital = settings with
        {
            Name = "Digital 🍵 \0 store",
            Pricing = new PricingRules(Currency.USD, null, new TaxRule(72_500, Inclusive: false)),
            Locales = ["en"],
            DefaultLocale = "en",
        };
        await Store.SyncCatalogAsync(digital, [], Now, Ct);
        ShouldBeSame(await Store.GetSettingsAsync(Ct), digital);

        var anywhere = settings with { Pricing = settings.Pricing with { Shipping = new ShippingRule(new Money(3000, Currency.KRW), null, []) } };
        await Store.SyncCatalogAsync(anywhere, [], Now, Ct);
        ShouldBeSame(await Store.GetSettingsAsync(Ct), anywhere);
    }

    [Fact]
    public async Task a_sync_that_changes_something_writes_one_outbox_message_naming_the_skus()
    {
        await SeedAsync(("TEA-1", 5), ("TEA-2", 5));
        await Store.MarkOutboxDoneAsync((await Store.ListPendingOutboxAsync(10, Ct)).Select(entry => entry.Id).ToList(), Now, Ct);

        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1", price: 1), TestCatalog.Item("TEA-3")], Now, Ct);
        await Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1", price: 1), TestCatalog.Item("TEA-3")], Now, Ct);

        var message = (await Store.ListPendingOutboxAsync(10, Ct)).Single().Message;
        message.Kind.ShouldBe(OutboxKinds.CatalogSynced);
        message.OrderId.ShouldBeNull();
        message.Skus.ShouldBe(["TEA-1", "TEA-2", "TEA-3"]);
    }

    [Fact]
    public async Task a_catalog_listing_a_sku_twice_is_refused()
    {
        await Should.ThrowAsync<ArgumentException>(() =>
            Store.SyncCatalogAsync(TestCatalog.Settings(), [TestCatalog.Item("TEA-1"), TestCatalog.Item("TEA-1")], Now, Ct));
        (await Store.GetSettingsAsync(Ct)).ShouldBeNull();
    }

    private static void ShouldBeSame(StoreSettings? actual, StoreSettings expected)
    {
        actual.ShouldNotBeNull();
        actual.Locales.ShouldBe(expected.Locales);
        actual.Pricing.Shipping?.Countries.ShouldBe(expected.Pricing.Shipping!.Countries);
        var shipping = expected.Pricing.Shipping is null ? null : expected.Pricing.Shipping with { Countries = actual.Pricing.Shipping!.Countries };
        actual.ShouldBe(expected with { Locales = actual.Locales, Pricing = expected.Pricing with { Shipping = shipping } });
    }
}
