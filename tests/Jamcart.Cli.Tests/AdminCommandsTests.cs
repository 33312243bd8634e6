using System.Net.Http.Json;
using System.Text.Json.Nodes;

using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;
using Jamcart.Payments.Sandbox;
using Jamcart.Payments.Stripe;
using Jamcart.Storage;

using Microsoft.Extensions.Logging.Abstractions;

using Shouldly;

namespace Jamcart.Cli.Tests;

/// <summary><c>jamcart db</c>, <c>stock</c> and <c>orders</c> against a real SQLite database and the real sandbox.</summary>
public sealed class AdminCommandsTests : IAsyncLifetime
{
    private readonly TempFolder _temp = new();
    private SandboxServer _sandbox = null!;
    private StripePaymentProvider _provider = null!;
    private CheckoutDatabase _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string Connection => "sqlite:" + _temp["shop.db"];

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = _sandbox.SecretKey,
            PublishableKey = _sandbox.PublishableKey,
            ApiBase = _sandbox.BaseUrl,
            MaxNetworkRetries = 0,
        };
        options.WebhookSecrets.Add(_sandbox.WebhookSecret);
        _provider = StripePaymentProvider.Create(options);
        _database = await CheckoutDatabase.OpenAsync(Connection, TimeProvider.System, cancellationToken: Ct);
        var settings = new StoreSettings("Tea", new Uri("https://tea.example/"),
            new PricingRules(Currency.KRW, null, new TaxRule(100_000, Inclusive: true)), "ko", ["ko", "en"], 3);
        await _database.Store.SyncCatalogAsync(settings, [new CatalogItem("GREEN", "Green tea", new Money(12_000, Currency.KRW), false, 10)], DateTimeOffset.UtcNow, Ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _database.DisposeAsync();
        await _sandbox.StopAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task db_migrate_says_the_schema_is_current()
    {
        var result = await CliProcess.RunAsync("db", "migrate", "--database", Connection);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("the SQLite database is up to date");
    }

    [Fact]
    public async Task db_migrate_against_a_server_that_is_not_there_exits_1_in_one_line_without_the_password()
    {
        var result = await CliProcess.RunAsync("db", "migrate", "--database", "postgres://shop:hunter2-secret@127.0.0.1:1/shop");

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith("jamcart: cannot migrate the store database:");
        result.Error.ShouldContain("127.0.0.1:1");
        result.Error.Trim().ShouldNotContain('\n');
        result.Error.ShouldNotContain("hunter2-secret");
    }

    [Fact]
    public async Task stock_set_then_get_shows_on_hand_reserved_and_available()
    {
        var set = await CliProcess.RunAsync("stock", "set", "GREEN", "25", "--database", Connection);
        var get = await CliProcess.RunAsync("stock", "get", "GREEN", "--database", Connection);

        set.ExitCode.ShouldBe(0, set.Error);
        set.Out.ShouldContain("GREEN: 25 on hand, 0 reserved, 25 available");
        get.ExitCode.ShouldBe(0, get.Error);
        get.Out.ShouldContain("25");
        (await _database.Store.GetInventoryAsync(["GREEN"], DateTimeOffset.UtcNow, Ct))["GREEN"].OnHand.ShouldBe(25);
    }

    [Fact]
    public async Task stock_of_an_unknown_sku_exits_1_and_says_so()
    {
        var set = await CliProcess.RunAsync("stock", "set", "NOPE", "3", "--database", Connection);
        var get = await CliProcess.RunAsync("stock", "get", "NOPE", "--database", Connection);

        set.ExitCode.ShouldBe(1);
        set.Error.ShouldContain("NOPE");
        get.ExitCode.ShouldBe(1);
        get.Out.ShouldContain("unknown");
    }

    [Fact]
    public async Task stock_of_a_product_gone_from_the_store_is_unknown_and_left_as_it_was()
    {
        var settings = new StoreSettings("Tea", new Uri("https://tea.example/"),
            new PricingRules(Currency.KRW, null, new TaxRule(100_000, Inclusive: true)), "ko", ["ko", "en"], 3);
        await _database.Store.SyncCatalogAsync(settings, [new CatalogItem("HOJI", "Hojicha", new Money(9_000, Currency.KRW), false, 7)], DateTimeOffset.UtcNow, Ct);

        var set = await CliProcess.RunAsync("stock", "set", "GREEN", "3", "--database", Connection);
        var get = await CliProcess.RunAsync("stock", "get", "GREEN", "HOJI", "--database", Connection);

        set.ExitCode.ShouldBe(1);
        set.Error.Trim().ShouldBe("jamcart: There is no product with SKU 'GREEN' for sale.");
        get.ExitCode.ShouldBe(1);
        get.Out.ShouldContain("unknown");
        get.Out.ShouldNotContain("10");
        (await _database.Store.GetInventoryAsync(["GREEN"], DateTimeOffset.UtcNow, Ct))["GREEN"].OnHand.ShouldBe(10);
    }

    [Fact]
    public async Task a_command_without_a_database_says_how_to_name_one()
    {
        Directory.CreateDirectory(_temp["empty"]);
        File.WriteAllText(_temp["empty/jamcart.yml"], "name: X\nbaseUrl: https://x.example\ncurrency: USD\n");

        var result = await CliProcess.RunAsync(new Dictionary<string, string?> { ["JAMCART_DATABASE"] = null }, "orders", "list", "--store", _temp["empty"]);

        result.ExitCode.ShouldBe(3, "a setting to give");
        result.Error.ShouldContain("no store database");
        result.Error.ShouldContain("JAMCART_DATABASE");
    }

    [Fact]
    public async Task in_a_store_that_jamcart_serve_has_served_the_commands_find_its_database_untold()
    {
        var store = _temp["served"];
        Directory.CreateDirectory(Path.Combine(store, ".jamcart"));
        File.WriteAllText(Path.Combine(store, "jamcart.yml"), "name: X\nbaseUrl: https://x.example\ncurrency: KRW\n");
        await using (var served = await CheckoutDatabase.OpenAsync("sqlite:" + Path.Combine(store, ".jamcart", "store.db"), TimeProvider.System, cancellationToken: Ct))
        {
            var settings = new StoreSettings("X", new Uri("https://x.example/"), new PricingRules(Currency.KRW, null, new TaxRule(0, Inclusive: true)), "ko", ["ko"], 3);
            await served.Store.SyncCatalogAsync(settings, [new CatalogItem("HOJI", "Hojicha", new Money(9_000, Currency.KRW), false, 7)], DateTimeOffset.UtcNow, Ct);
        }

        var result = await CliProcess.RunAsync(new Dictionary<string, string?> { ["JAMCART_DATABASE"] = null }, "stock", "get", "HOJI", "--store", store);

        result.ExitCode.ShouldBe(0, result.Error);
        result.Out.ShouldContain("HOJI");
        result.Out.ShouldContain("7");
    }

    [Fact]
    public async Task a_jamcart_yml_that_cannot_be_read_is_reported_and_no_other_database_is_guessed()
    {
        // The store has been served (so .jamcart/store.db exists), and its jamcart.yml names another database, but a
        // line later in the file breaks it.
        var store = _temp["broken"];
        Directory.CreateDirectory(Path.Combine(store, ".jamcart"));
        await using (var served = await CheckoutDatabase.OpenAsync("sqlite:" + Path.Combine(store, ".jamcart", "store.db"), TimeProvider.System, cancellationToken: Ct))
        {
            var settings = new StoreSettings("X", new Uri("https://x.example/"), new PricingRules(Currency.KRW, null, new TaxRule(0, Inclusive: true)), "ko", ["ko"], 3);
            await served.Store.SyncCatalogAsync(settings, [new CatalogItem("HOJI", "Hojicha", new Money(9_000, Currency.KRW), false, 7)], DateTimeOffset.UtcNow, Ct);
        }

        File.WriteAllText(Path.Combine(store, "jamcart.yml"), $"name: X\nbaseUrl: https://x.example\ncurrency: KRW\ndatabase: {Connection}\nbad: [unclosed\n");

        var result = await CliProcess.RunAsync(new Dictionary<string, string?> { ["JAMCART_DATABASE"] = null }, "stock", "set", "HOJI", "55", "--store", store);

        result.ExitCode.ShouldBe(1, result.Out + result.Error);
        result.Error.ShouldContain("jamcart.yml:6:1: error");
        result.Error.ShouldContain("cannot tell which store database to use");
        await using var check = await CheckoutDatabase.OpenAsync("sqlite:" + Path.Combine(store, ".jamcart", "store.db"), TimeProvider.System, cancellationToken: Ct);
        (await check.Store.GetInventoryAsync(["HOJI"], DateTimeOffset.UtcNow, Ct))["HOJI"].OnHand.ShouldBe(7, "the guessed database was left alone");
    }

    [Fact]
    public async Task a_database_path_that_names_no_file_is_refused_and_nothing_is_made_there()
    {
        var missing = _temp["nowhere/shop.db"];

        var list = await CliProcess.RunAsync("orders", "list", "--database", "sqlite:" + missing);
        var stock = await CliProcess.RunAsync("stock", "set", "GREEN", "3", "--database", "sqlite:" + missing);

        list.ExitCode.ShouldBe(3, "a setting to correct");
        list.Error.ShouldContain("There is no SQLite database at " + missing);
        stock.ExitCode.ShouldBe(3);
        Directory.Exists(_temp["nowhere"]).ShouldBeFalse();
    }

    [Fact]
    public async Task the_worker_refuses_a_database_path_that_names_no_file_and_makes_nothing_there()
    {
        (await CliProcess.RunAsync("new", _temp["worker-shop"])).ExitCode.ShouldBe(0);
        var missing = _temp["nowhere/shop.db"];

        var worker = await CliProcess.RunAsync("worker", _temp["worker-shop"], "--database", "sqlite:" + missing, "--to", _temp["published"]);

        worker.ExitCode.ShouldBe(3, worker.Out + worker.Error);
        worker.Error.ShouldContain($"jamcart: There is no SQLite database at {missing}. Check the path; jamcart serve, jamcart dev and jamcart db migrate make one.");
        Directory.Exists(_temp["nowhere"]).ShouldBeFalse();
    }

    [Fact]
    public async Task the_worker_without_a_database_says_how_to_name_one_with_the_admin_commands_exit_code()
    {
        (await CliProcess.RunAsync("new", _temp["unnamed-shop"])).ExitCode.ShouldBe(0);

        var worker = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["JAMCART_DATABASE"] = null }, "worker", _temp["unnamed-shop"], "--to", _temp["published"]);
        var list = await CliProcess.RunAsync(new Dictionary<string, string?> { ["JAMCART_DATABASE"] = null }, "orders", "list", "--store", _temp["unnamed-shop"]);

        worker.ExitCode.ShouldBe(3, worker.Out + worker.Error);
        worker.ExitCode.ShouldBe(list.ExitCode, "the same missing database, the same exit code");
        worker.Error.ShouldContain("JAMCART_DATABASE");
    }

    [Theory]
    [InlineData("sqlite://localhost/shop.db")]
    [InlineData("not a connection string")]
    public async Task a_database_setting_of_no_known_form_exits_3_from_every_command_that_uses_it(string setting)
    {
        var store = _temp["shop"];
        (await CliProcess.RunAsync("new", store)).ExitCode.ShouldBe(0);
        var environment = new Dictionary<string, string?>
        {
            ["JAMCART_DATABASE"] = setting,
            ["JAMCART_ADMIN_KEY"] = "test-admin-key-0123456789abcdef0123456789",
            ["Jamcart__Payments__Provider"] = "sandbox",
            ["Jamcart__Payments__SecretKey"] = _sandbox.SecretKey,
            ["Jamcart__Payments__PublishableKey"] = _sandbox.PublishableKey,
            ["Jamcart__Payments__WebhookSecrets__0"] = _sandbox.WebhookSecret,
            ["Jamcart__Payments__ApiBase"] = _sandbox.BaseUrl.ToString(),
        };

        foreach (var command in new[]
        {
            new[] { "orders", "list", "--store", store },
            ["stock", "get", "GREEN", "--store", store],
            ["stock", "set", "GREEN", "3", "--store", store],
            ["db", "migrate", "--store", store],
            ["maintenance", store],
            ["worker", store, "--to", _temp["published"]],
            ["build", store, "--no-server"],
            ["serve", store, "--port", "0"],
        })
        {
            var result = await CliProcess.RunAsync(environment, command);

            result.ExitCode.ShouldBe(3, $"jamcart {string.Join(' ', command)}: {result.Out}{result.Error}");
            result.Error.ShouldContain("store database");
            result.Error.ShouldNotContain("   at ");
        }
    }

    [Fact]
    public async Task a_database_on_a_network_share_is_refused_as_such_not_as_missing()
    {
        var list = await CliProcess.RunAsync("orders", "list", "--database", @"sqlite:\\fileserver\shop\store.db");

        list.ExitCode.ShouldBe(3);
        list.Error.ShouldContain("is on a network share");
        list.Error.ShouldNotContain("There is no SQLite database");
    }

    [Theory]
    [InlineData("--limit: 'abc' is not a whole number from 1 to 100 written in plain digits (0-9).", "orders", "list", "--limit", "abc")]
    [InlineData("--amount: '12.5' is not a whole number of 1 or more written in plain digits (0-9).", "orders", "refund", "ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", "--amount", "12.5")]
    [InlineData("on-hand: 'lots' is not a whole number from 0 to 1000000000 written in plain digits (0-9).", "stock", "set", "GREEN", "lots")]
    public async Task a_number_that_is_not_whole_exits_2_saying_so_in_words(string expected, params string[] arguments)
    {
        var result = await CliProcess.RunAsync([.. arguments, "--database", Connection]);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain(expected);
        result.Error.ShouldNotContain("System.");
    }

    // The admin API reads limit as plain digits and refuses "+5"; the command line takes what the API takes, so that a
    // value tried here works there, and the reverse.
    [Theory]
    [InlineData("--limit", "+5", "orders", "list")]
    [InlineData("--limit", "-5", "orders", "list")]
    [InlineData("--limit", " 5", "orders", "list")]
    [InlineData("--limit", "5 ", "orders", "list")]
    [InlineData("--limit", "1_0", "orders", "list")]
    [InlineData("--amount", "+500", "orders", "refund", "ord_aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("--amount", "-500", "orders", "refund", "ord_aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("--amount", "1,000", "orders", "refund", "ord_aaaaaaaaaaaaaaaaaaaaaaaaaa")]
    [InlineData("on-hand", "+5", "stock", "set", "GREEN")]
    [InlineData("on-hand", "-1", "stock", "set", "GREEN")]
    public async Task a_number_not_written_in_plain_digits_exits_2_in_one_line_naming_the_option(string name, string value, params string[] command)
    {
        string[] arguments = name.StartsWith('-') ? [.. command, name, value] : [.. command, value];

        var result = await CliProcess.RunAsync([.. arguments, "--database", Connection]);

        result.ExitCode.ShouldBe(2);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        lines[0].ShouldStartWith($"jamcart: {name}: '{value}' is not a whole number ");
        lines.ShouldBe([lines[0], "Run 'jamcart --help' for usage."]);
    }

    [Theory]
    [InlineData("jamcart: --limit: Must be from 1 to 100.", "orders", "list", "--limit", "0")]
    [InlineData("jamcart: --status: Not an order status:", "orders", "list", "--status", "shipped")]
    [InlineData("jamcart: --cursor: Not a cursor", "orders", "list", "--cursor", "not-a-cursor")]
    [InlineData("jamcart: on-hand: Required: a whole number from 0 to 1000000000.", "stock", "set", "GREEN", "1000000001")]
    public async Task a_value_the_rules_refuse_is_named_as_it_was_typed_not_as_the_api_member(string expected, params string[] arguments)
    {
        var result = await CliProcess.RunAsync([.. arguments, "--database", Connection]);

        result.ExitCode.ShouldBe(1);
        result.Error.ShouldStartWith(expected);
    }

    [Fact]
    public async Task a_refund_amount_the_rules_refuse_is_named_as_the_option()
    {
        var orderId = await PlacePaidOrderAsync();

        var refund = await CliProcess.RunAsync(ProviderEnvironment(), "orders", "refund", orderId, "--amount", "0", "--database", Connection);

        refund.ExitCode.ShouldBe(1);
        refund.Error.Trim().ShouldBe("jamcart: --amount: Must be from 1 to 24000, what is left to refund (in minor units).");
    }

    [Fact]
    public async Task a_whole_number_too_large_to_hold_is_said_to_be_out_of_range()
    {
        var result = await CliProcess.RunAsync("stock", "set", "GREEN", "99999999999999999999", "--database", Connection);

        result.ExitCode.ShouldBe(2);
        result.Error.ShouldContain("on-hand: '99999999999999999999' is out of range (0 to 1000000000).");
    }

    [Fact]
    public async Task an_unknown_order_is_named_by_its_id_alone()
    {
        var show = await CliProcess.RunAsync("orders", "show", "ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", "--database", Connection);

        show.ExitCode.ShouldBe(1);
        show.Error.Trim().ShouldBe("jamcart: there is no order with this id.");
    }

    [Fact]
    public async Task the_hint_for_the_next_page_keeps_the_status_and_the_page_size()
    {
        await PlacePaidOrderAsync();
        await PlacePaidOrderAsync();

        var list = await CliProcess.RunAsync("orders", "list", "--status", "paid", "--limit", "1", "--database", Connection);

        list.ExitCode.ShouldBe(0, list.Error);
        list.Out.ShouldContain("more: jamcart orders list --status paid --limit 1 --cursor");
    }

    [Fact]
    public async Task orders_are_listed_shown_and_refunded_through_the_provider()
    {
        var orderId = await PlacePaidOrderAsync();

        var list = await CliProcess.RunAsync("orders", "list", "--status", "paid", "--database", Connection);
        var show = await CliProcess.RunAsync("orders", "show", orderId, "--database", Connection);
        var refund = await CliProcess.RunAsync(ProviderEnvironment(), "orders", "refund", orderId, "--amount", "5000", "--database", Connection);

        list.ExitCode.ShouldBe(0, list.Error);
        list.Out.ShouldContain(orderId);
        show.ExitCode.ShouldBe(0, show.Error);
        show.Out.ShouldContain("Green tea");
        show.Out.ShouldContain("buyer@example.com", Case.Sensitive, "the shop owner sees the full address");
        refund.ExitCode.ShouldBe(0, refund.Error);
        refund.Out.ShouldContain("partially_refunded");
        var stored = await new GetAdminOrder(_database.Store, TimeProvider.System).HandleAsync(orderId, Ct);
        stored.Order.RefundedAmount.ShouldBe(5000);
        stored.Refunds.Single().Amount.Minor.ShouldBe(5000);
        refund.Out.ShouldContain($"refund {stored.Refunds.Single().Id} (succeeded): 5000 KRW");
    }

    [Fact]
    public async Task a_refund_made_here_is_logged_as_the_admin_api_logs_it_without_the_buyer_or_the_keys()
    {
        var orderId = await PlacePaidOrderAsync();
        var environment = ProviderEnvironment();

        var refund = await CliProcess.RunAsync(environment, "orders", "refund", orderId, "--amount", "5000", "--database", Connection);

        refund.ExitCode.ShouldBe(0, refund.Error);
        var refundId = (await new GetAdminOrder(_database.Store, TimeProvider.System).HandleAsync(orderId, Ct)).Refunds.Single().Id;
        var logged = refund.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        logged.ShouldContain($"info: Jamcart.Checkout.UseCases.RefundOrder[105] Order {orderId}: refund {refundId} of 5000 minor units (succeeded)");
        refund.Error.ShouldNotContain("buyer");
        refund.Error.ShouldNotContain(_sandbox.SecretKey);
        refund.Error.ShouldNotContain(_sandbox.WebhookSecret);
        refund.Out.ShouldNotContain("RefundOrder[105]", Case.Sensitive, "standard output holds the order printed, nothing else");
    }

    [Fact]
    public async Task an_order_is_shown_with_what_was_refunded_of_it_as_the_admin_api_shows_it()
    {
        var orderId = await PlacePaidOrderAsync();
        await new RefundOrder(_database.Store, _provider, TimeProvider.System, NullLogger<RefundOrder>.Instance).HandleAsync(orderId, 5000, Ct);
        var pending = await new PlaceOrder(_database.Store, _provider, TimeProvider.System, new CheckoutOptions(), NullLogger<PlaceOrder>.Instance)
            .HandleAsync(new PlaceOrderCommand([new CartItemInput("GREEN", 1)], "buyer@example.com", null, "ko"), Ct);

        var refunded = await CliProcess.RunAsync("orders", "show", orderId, "--database", Connection);
        var waiting = await CliProcess.RunAsync("orders", "show", pending.Order.Id, "--database", Connection);

        // The admin API's refundedAmount and reservedUntil: how much is left to refund, and until when stock is held.
        refunded.ExitCode.ShouldBe(0, refunded.Error);
        refunded.Out.ShouldMatch(@"│\s+│ refunded\s+│\s+│\s+│ 5000 KRW\s+│");
        refunded.Out.ShouldNotContain("reserved until");
        waiting.ExitCode.ShouldBe(0, waiting.Error);
        waiting.Out.ShouldContain("reserved until  " + pending.Order.ReservedUntil.ToString("u", System.Globalization.CultureInfo.InvariantCulture));
        waiting.Out.ShouldNotContain("refunded");
    }

    [Fact]
    public async Task a_refund_without_provider_settings_names_what_is_missing_and_moves_no_money()
    {
        var orderId = await PlacePaidOrderAsync();

        var refund = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["Jamcart__Payments__SecretKey"] = null, ["Jamcart__Payments__PublishableKey"] = null },
            "orders", "refund", orderId, "--database", Connection);

        refund.ExitCode.ShouldBe(3);
        refund.Error.ShouldContain("jamcart: Jamcart__Payments: SecretKey");
        (await new GetAdminOrder(_database.Store, TimeProvider.System).HandleAsync(orderId, Ct)).Order.RefundedAmount.ShouldBe(0);
    }

    [Fact]
    public async Task a_refund_needs_only_the_secret_key_not_the_browsers_key_or_the_webhook_secret()
    {
        var orderId = await PlacePaidOrderAsync();
        var environment = ProviderEnvironment();
        environment["Jamcart__Payments__PublishableKey"] = null;
        environment["Jamcart__Payments__WebhookSecrets__0"] = null;

        var refund = await CliProcess.RunAsync(environment, "orders", "refund", orderId, "--amount", "1000", "--database", Connection);

        refund.ExitCode.ShouldBe(0, refund.Error);
        (await new GetAdminOrder(_database.Store, TimeProvider.System).HandleAsync(orderId, Ct)).Order.RefundedAmount.ShouldBe(1000);
    }

    [Fact]
    public async Task a_refund_with_a_key_the_provider_refuses_says_so_and_moves_no_money()
    {
        var orderId = await PlacePaidOrderAsync();
        var environment = ProviderEnvironment();
        environment["Jamcart__Payments__SecretKey"] = "sk_test_not_the_sandboxs_key_at_all";

        var refund = await CliProcess.RunAsync(environment, "orders", "refund", orderId, "--database", Connection);

        refund.ExitCode.ShouldBe(3, "a setting to correct");
        refund.Error.ShouldContain("refused the configured API key");
        refund.Error.ShouldContain("Jamcart__Payments__SecretKey");
        refund.Error.ShouldNotContain("not_the_sandboxs_key");
        (await new GetAdminOrder(_database.Store, TimeProvider.System).HandleAsync(orderId, Ct)).Order.RefundedAmount.ShouldBe(0);
    }

    [Fact]
    public async Task a_refund_after_the_sandbox_restarted_says_the_provider_does_not_know_the_payment()
    {
        var orderId = await PlacePaidOrderAsync();
        // The sandbox keeps its payments in memory: started again, it has never heard of this one.
        await _sandbox.StopAsync();
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);

        var refund = await CliProcess.RunAsync(ProviderEnvironment(), "orders", "refund", orderId, "--database", Connection);

        refund.ExitCode.ShouldBe(1);
        refund.Error.ShouldContain("The payment provider does not know this order's payment, so nothing was refunded");
        refund.Error.ShouldContain("restarted");
        refund.Error.ShouldNotContain("resource_missing");
        (await new GetAdminOrder(_database.Store, TimeProvider.System).HandleAsync(orderId, Ct)).Order.RefundedAmount.ShouldBe(0);
    }

    [Fact]
    public async Task refunding_more_than_was_paid_is_refused()
    {
        var orderId = await PlacePaidOrderAsync();

        var refund = await CliProcess.RunAsync(ProviderEnvironment(), "orders", "refund", orderId, "--amount", "999999", "--database", Connection);

        refund.ExitCode.ShouldBe(1);
        refund.Error.ShouldContain("amount");
    }

    private Dictionary<string, string?> ProviderEnvironment() => new()
    {
        ["Jamcart__Payments__Provider"] = "sandbox",
        ["Jamcart__Payments__SecretKey"] = _sandbox.SecretKey,
        ["Jamcart__Payments__PublishableKey"] = _sandbox.PublishableKey,
        ["Jamcart__Payments__WebhookSecrets__0"] = _sandbox.WebhookSecret,
        ["Jamcart__Payments__ApiBase"] = _sandbox.BaseUrl.ToString(),
    };

    private async Task<string> PlacePaidOrderAsync()
    {
        var placed = await new PlaceOrder(_database.Store, _provider, TimeProvider.System, new CheckoutOptions(), NullLogger<PlaceOrder>.Instance)
            .HandleAsync(new PlaceOrderCommand([new CartItemInput("GREEN", 2)], "buyer@example.com", null, "ko"), Ct);

        // What the sandbox's card field and confirm do in the browser: a card, then the client secret.
        using var browser = new HttpClient { BaseAddress = _sandbox.BaseUrl };
        var method = await PostFormAsync(browser, "/v1/payment_methods",
            ("type", "card"), ("card[number]", "4242424242424242"), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123"));
        var secret = placed.Order.ClientSecret!;
        await PostFormAsync(browser, $"/v1/payment_intents/{placed.Order.PaymentId}/confirm",
            ("client_secret", secret), ("payment_method", method["id"]!.GetValue<string>()));

        var confirmed = await new ConfirmOrder(_database.Store, _provider, TimeProvider.System, NullLogger<ConfirmOrder>.Instance)
            .HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
        confirmed.Status.ShouldBe(OrderStatus.Paid);
        return placed.Order.Id;
    }

    private async Task<JsonObject> PostFormAsync(HttpClient http, string path, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Prepend(new KeyValuePair<string, string>("key", _sandbox.PublishableKey)));
        using var response = await http.PostAsync(path, content, Ct);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>(Ct))!;
    }
}
