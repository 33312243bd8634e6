using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;
using Jamcart.Payments.Sandbox;
using Jamcart.Payments.Stripe;
using Jamcart.Storage;

using Microsoft.Extensions.Logging.Abstractions;

using Shouldly;

namespace Jamcart.Cli.Tests;

/// <summary><c>jamcart maintenance</c> against a real SQLite database and the real sandbox, as cron would run it.</summary>
public sealed class MaintenanceCommandTests : IAsyncLifetime
{
    // Short enough for a test to wait out; the command's own settings are the defaults.
    private static readonly CheckoutOptions ShortReservations = new()
    {
        ReservationTime = TimeSpan.FromSeconds(1),
        PaymentCreationGrace = TimeSpan.FromMilliseconds(500),
    };

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
        _provider.Dispose();
        await _database.DisposeAsync();
        await _sandbox.StopAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task maintenance_pays_an_order_nobody_confirmed_expires_one_nobody_paid_and_prints_the_counts()
    {
        var paid = await PlaceAsync(quantity: 2);
        await PayInBrowserAsync(paid);
        var unpaid = await PlaceAsync(quantity: 3);
        await Task.Delay(ShortReservations.ReservationTime + TimeSpan.FromMilliseconds(200), Ct);

        var result = await CliProcess.RunAsync(ProviderEnvironment(), "maintenance", "--database", Connection);

        result.ExitCode.ShouldBe(0, result.Error);
        Row(result.Out, "orders checked").ShouldBe("2");
        Row(result.Out, "paid").ShouldBe("1");
        Row(result.Out, "expired").ShouldBe("1");
        Row(result.Out, "outbox entries purged").ShouldBe("0");
        (await StatusAsync(paid)).ShouldBe(OrderStatus.Paid);
        (await StatusAsync(unpaid)).ShouldBe(OrderStatus.Expired);
        var stock = (await _database.Store.GetInventoryAsync(["GREEN"], DateTimeOffset.UtcNow, Ct))["GREEN"];
        (stock.OnHand, stock.Reserved).ShouldBe((8L, 0L));

        var again = await CliProcess.RunAsync(ProviderEnvironment(), "maintenance", "--database", Connection);
        again.ExitCode.ShouldBe(0, again.Error);
        Row(again.Out, "orders checked").ShouldBe("0");
    }

    [Fact]
    public async Task done_outbox_entries_past_the_configured_retention_are_purged()
    {
        var pending = await _database.Store.ListPendingOutboxAsync(100, Ct);
        pending.ShouldNotBeEmpty("the catalog sync wrote its message");
        await _database.Store.MarkOutboxDoneAsync([.. pending.Select(entry => entry.Id)], DateTimeOffset.UtcNow, Ct);
        var environment = ProviderEnvironment();

        var kept = await CliProcess.RunAsync(environment, "maintenance", "--database", Connection);
        environment["Jamcart__Background__OutboxRetention"] = "00:00:00";
        var purged = await CliProcess.RunAsync(environment, "maintenance", "--database", Connection);

        kept.ExitCode.ShouldBe(0, kept.Error);
        Row(kept.Out, "outbox entries purged").ShouldBe("0", "done just now, within the default 7 days");
        purged.ExitCode.ShouldBe(0, purged.Error);
        Row(purged.Out, "outbox entries purged").ShouldBe(pending.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public async Task without_provider_settings_it_names_what_is_missing_exits_3_and_touches_nothing()
    {
        var unpaid = await PlaceAsync(quantity: 1);
        await Task.Delay(ShortReservations.ReservationTime + TimeSpan.FromMilliseconds(200), Ct);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["Jamcart__Payments__SecretKey"] = null, ["Jamcart__Payments__PublishableKey"] = null },
            "maintenance", "--database", Connection);

        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("SecretKey");
        // As stored: the views already show it expired, since its reservation has ended.
        (await _database.Store.GetOrderAsync(unpaid.Order.Id, Ct))!.Status.ShouldBe(OrderStatus.PendingPayment);
    }

    [Fact]
    public async Task a_webhook_event_retention_shorter_than_stripes_retries_exits_3()
    {
        var environment = ProviderEnvironment();
        environment["Jamcart__Background__WebhookEventRetention"] = "1.00:00:00";

        var result = await CliProcess.RunAsync(environment, "maintenance", "--database", Connection);

        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("WebhookEventRetention");
    }

    [Theory]
    [InlineData("Jamcart__Checkout__ReservationTime", "abc", "Jamcart:Checkout:ReservationTime")]
    [InlineData("Jamcart__Background__OutboxRetention", "soon", "Jamcart:Background:OutboxRetention")]
    [InlineData("Jamcart__Payments__Timeout", "ten seconds", "Jamcart:Payments:Timeout")]
    public async Task a_setting_that_is_not_of_its_type_is_named_in_one_line_and_exits_3(string variable, string value, string setting)
    {
        var environment = ProviderEnvironment();
        environment[variable] = value;

        var result = await CliProcess.RunAsync(environment, "maintenance", "--database", Connection);

        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Error.ShouldContain($"'{value}' at '{setting}'");
        result.Error.ShouldNotContain("Unhandled exception");
        result.Error.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task without_a_database_it_says_how_to_name_one_and_exits_3()
    {
        Directory.CreateDirectory(_temp["empty"]);
        File.WriteAllText(_temp["empty/jamcart.yml"], "name: X\nbaseUrl: https://x.example\ncurrency: USD\n");
        var environment = ProviderEnvironment();
        environment["JAMCART_DATABASE"] = null;

        var result = await CliProcess.RunAsync(environment, "maintenance", _temp["empty"]);

        result.ExitCode.ShouldBe(3);
        result.Error.ShouldContain("no store database");
    }

    [Theory]
    [InlineData("maintenance", "--bogus")]
    [InlineData("maintenance", "one", "two")]
    [InlineData("maintenance", "--database")]
    public async Task a_wrong_command_line_exits_2(params string[] arguments)
    {
        var result = await CliProcess.RunAsync(ProviderEnvironment(), arguments);

        result.ExitCode.ShouldBe(2, result.Out + result.Error);
        result.Error.ShouldContain("jamcart --help");
    }

    /// <summary>The value printed beside <paramref name="label"/>.</summary>
    private static string Row(string output, string label)
    {
        var match = Regex.Match(output, "^" + Regex.Escape(label) + @"\s+(?<value>\S+)\s*$", RegexOptions.Multiline);
        match.Success.ShouldBeTrue($"no '{label}' row in:\n{output}");
        return match.Groups["value"].Value;
    }

    private Dictionary<string, string?> ProviderEnvironment() => new()
    {
        ["Jamcart__Payments__Provider"] = "sandbox",
        ["Jamcart__Payments__SecretKey"] = _sandbox.SecretKey,
        ["Jamcart__Payments__PublishableKey"] = _sandbox.PublishableKey,
        ["Jamcart__Payments__WebhookSecrets__0"] = _sandbox.WebhookSecret,
        ["Jamcart__Payments__ApiBase"] = _sandbox.BaseUrl.ToString(),
    };

    private async Task<PlacedOrder> PlaceAsync(long quantity) =>
        await new PlaceOrder(_database.Store, _provider, TimeProvider.System, ShortReservations, NullLogger<PlaceOrder>.Instance)
            .HandleAsync(new PlaceOrderCommand([new CartItemInput("GREEN", quantity)], "buyer@example.com", null, "ko"), Ct);

    private async Task<OrderStatus> StatusAsync(PlacedOrder placed) =>
        (await new GetAdminOrder(_database.Store, TimeProvider.System).HandleAsync(placed.Order.Id, Ct)).Order.Status;

    /// <summary>What the sandbox's card field and confirm do in the browser; the order is never confirmed with the functions.</summary>
    private async Task PayInBrowserAsync(PlacedOrder placed)
    {
        using var browser = new HttpClient { BaseAddress = _sandbox.BaseUrl };
        var method = await PostFormAsync(browser, "/v1/payment_methods",
            ("type", "card"), ("card[number]", "4242424242424242"), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123"));
        var intent = await PostFormAsync(browser, $"/v1/payment_intents/{placed.Order.PaymentId}/confirm",
            ("client_secret", placed.Order.ClientSecret!), ("payment_method", method["id"]!.GetValue<string>()));
        intent["status"]!.GetValue<string>().ShouldBe("succeeded");
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
