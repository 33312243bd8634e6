using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.Tests.Validation;
using Jamcart.Checkout.UseCases;
using Jamcart.Core;
using Jamcart.Payments.Sandbox;
using Jamcart.Payments.Stripe;
using Jamcart.Storage;
using Jamcart.Testing;

using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

using Shouldly;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>What a test's shop is made of; every part has a default.</summary>
internal sealed record ShopSetup
{
    public StoreSettings Settings { get; init; } = Requests.Shop();

    public IReadOnlyList<CatalogItem> Products { get; init; } = TestShop.Teas;

    /// <summary>Duplicated, delayed, reordered webhook deliveries.</summary>
    public SandboxChaos? Chaos { get; init; }

    /// <summary>Keep webhook deliveries for the test to apply instead of applying them as they arrive.</summary>
    public bool HoldWebhooks { get; init; }

    public Action<CheckoutOptions>? Options { get; init; }

    /// <summary>A PostgreSQL connection string; a fresh SQLite file when null.</summary>
    public string? Database { get; init; }
}

/// <summary>
/// One test's shop, all real: a fresh SQLite file through Jamcart.Storage, the sandbox provider behind the Stripe
/// adapter, a webhook endpoint the sandbox posts to, a browser that pays with test cards, and one fake clock for all of
/// them, so reservations expire when the test says.
/// </summary>
internal sealed class TestShop : IAsyncDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 11, 24, 1, 0, 0, TimeSpan.Zero);

    public static readonly IReadOnlyList<CatalogItem> Teas =
    [
        new("TEA-001", "Jeju green tea", Krw(12_000), Draft: false, InitialStock: 10),
        new("TEA-002", "Oolong", Krw(8_000), Draft: false, InitialStock: 5),
        new("CUP-001", "Celadon cup", Krw(30_000), Draft: false, InitialStock: 2),
        new("DRAFT-001", "Next season's tea", Krw(5_000), Draft: true, InitialStock: 5),
    ];

    private readonly string _directory;
    private readonly ILoggerFactory _loggers;

    private TestShop(string directory, FakeTimeProvider clock, CapturedLogs logs, ILoggerFactory loggers, CheckoutDatabase database,
        SandboxServer sandbox, StripePaymentProvider provider, WebhookEndpoint webhooks, CheckoutOptions options)
    {
        _directory = directory;
        _loggers = loggers;
        Clock = clock;
        Logs = logs;
        Database = database;
        Sandbox = sandbox;
        Provider = provider;
        Webhooks = webhooks;
        Options = options;
        Browser = new Browser(sandbox);
        webhooks.Handler = HandleWebhook;
    }

    public FakeTimeProvider Clock { get; }

    public CapturedLogs Logs { get; }

    public CheckoutDatabase Database { get; }

    public ICheckoutStore Store => Database.Store;

    public SandboxServer Sandbox { get; }

    public StripePaymentProvider Provider { get; }

    public WebhookEndpoint Webhooks { get; }

    public Browser Browser { get; }

    public CheckoutOptions Options { get; }

    public PlaceOrder PlaceOrder => new(Store, Provider, Clock, Options, Logger<PlaceOrder>());

    public GetOrder GetOrder => new(Store, Clock);

    public ConfirmOrder ConfirmOrder => new(Store, Provider, Clock, Logger<ConfirmOrder>());

    public CancelOrder CancelOrder => new(Store, Provider, Clock, Logger<CancelOrder>());

    public GetStock GetStock => new(Store, Clock);

    public HandleWebhook HandleWebhook => new(Store, Provider, Clock, Logger<HandleWebhook>());

    public ListOrders ListOrders => new(Store, Clock);

    public GetAdminOrder GetAdminOrder => new(Store, Clock);

    public RefundOrder RefundOrder => new(Store, Provider, Clock, Logger<RefundOrder>());

    /// <summary>The shop's refund on another store than its own (one that fails, or lets something happen first).</summary>
    public RefundOrder RefundOrderOn(ICheckoutStore store) => new(store, Provider, Clock, Logger<RefundOrder>());

    public SetStock SetStock => new(Store, Clock, Logger<SetStock>());

    public Reconcile Reconcile => new(Store, Provider, Clock, Options, Logger<Reconcile>());

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static Money Krw(long won) => new(won, Currency.KRW);

    public static async Task<TestShop> StartAsync(ShopSetup? setup = null)
    {
        setup ??= new ShopSetup();
        var directory = Directory.CreateTempSubdirectory("jamcart-checkout-").FullName;
        var clock = new FakeTimeProvider(Start);
        var logs = new CapturedLogs();
        var loggers = LoggerFactory.Create(builder => builder.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var options = new CheckoutOptions();
        setup.Options?.Invoke(options);

        var database = await CheckoutDatabase.OpenAsync(setup.Database ?? "sqlite:" + Path.Combine(directory, "store.db"), clock, loggers, cancellationToken: Ct);
        var webhooks = await WebhookEndpoint.StartAsync(Ct);
        webhooks.Hold = setup.HoldWebhooks;
        var sandbox = await SandboxServer.StartAsync(
            new SandboxOptions { Port = 0, WebhookUrl = webhooks.Url, TimeProvider = clock, Chaos = setup.Chaos ?? new SandboxChaos() },
            Ct);
        var providerOptions = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = sandbox.SecretKey,
            PublishableKey = sandbox.PublishableKey,
            ApiBase = sandbox.BaseUrl,
            // Without Stripe.net's own retries, whose back-off sleeps would only slow the suite down.
            Timeout = TimeSpan.FromSeconds(5),
            MaxNetworkRetries = 0,
        };
        providerOptions.WebhookSecrets.Add(sandbox.WebhookSecret);
        var provider = StripePaymentProvider.Create(providerOptions, loggers, clock);

        await database.Store.SyncCatalogAsync(setup.Settings, setup.Products, clock.GetUtcNow(), Ct);
        return new TestShop(directory, clock, logs, loggers, database, sandbox, provider, webhooks, options);
    }

    /// <summary>A valid checkout of these lines (a Seoul address, a buyer's e-mail).</summary>
    public static PlaceOrderCommand CheckoutOf(params (string Sku, long Quantity)[] lines) =>
        Requests.Valid([.. lines.Select(line => new CartItemInput(line.Sku, line.Quantity))]);

    public Task<PlacedOrder> PlaceAsync(params (string Sku, long Quantity)[] lines) =>
        PlaceOrder.HandleAsync(CheckoutOf(lines), Ct);

    /// <summary>The buyer pays with a card in the browser; nothing on the server has been told yet.</summary>
    public async Task<BrowserResult> PayInBrowserAsync(PlacedOrder placed, string card = Browser.Visa) =>
        await Browser.PayAsync(placed.Order.ClientSecret!, card);

    /// <summary>The buyer pays, then the page calls confirm: the order as confirm answers it.</summary>
    public async Task<Order> PayAndConfirmAsync(PlacedOrder placed, string card = Browser.Visa)
    {
        await PayInBrowserAsync(placed, card);
        return await ConfirmOrder.HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
    }

    /// <summary>
    /// An order placed as usual whose payment the provider then does not have, as when the shop's keys changed from test
    /// to live on the same database.
    /// </summary>
    public async Task<PlacedOrder> PlaceWithPaymentTheProviderLacksAsync(params (string Sku, long Quantity)[] lines)
    {
        var placed = await PlaceAsync(lines);
        var lacking = placed.Order with { PaymentId = "pi_" + Guid.NewGuid().ToString("N")[..24] };
        (await Store.TryUpdateOrderAsync(lacking, Ct)).ShouldBeTrue();
        return placed with { Order = lacking with { Version = lacking.Version + 1 } };
    }

    /// <summary>An order for all of CUP-001 whose reservation ran out, and another buyer who then bought the stock.</summary>
    public async Task<PlacedOrder> StockGoneBeforePaymentAsync()
    {
        var late = await PlaceAsync(("CUP-001", 2));
        Clock.Advance(Options.ReservationTime + TimeSpan.FromMinutes(1));
        await PayAndConfirmAsync(await PlaceAsync(("CUP-001", 2)));
        return late;
    }

    public async Task<Order> OrderAsync(string orderId) =>
        await Store.GetOrderAsync(orderId, Ct) ?? throw new InvalidOperationException($"No order {orderId}.");

    public async Task<long> AvailableAsync(string sku) =>
        (await GetStock.HandleAsync([sku], Ct)).GetValueOrDefault(sku, -1);

    public async Task<InventoryLevel> InventoryAsync(string sku) =>
        (await Store.GetInventoryAsync([sku], Clock.GetUtcNow(), Ct))[sku];

    /// <summary>The outbox messages of an order (or of no order), oldest first.</summary>
    public async Task<IReadOnlyList<OutboxMessage>> OutboxAsync(string? orderId, string? kind = null) =>
        [.. (await Store.ListPendingOutboxAsync(10_000, Ct))
            .Select(entry => entry.Message)
            .Where(message => message.OrderId == orderId && (kind is null || message.Kind == kind))];

    /// <summary>Delivers every webhook the sandbox has queued, now (applied, or held when the test holds them).</summary>
    public Task<int> DeliverWebhooksAsync() => Sandbox.DeliverPendingWebhooksAsync(Ct);

    public async ValueTask DisposeAsync()
    {
        Browser.Dispose();
        Provider.Dispose();
        await Sandbox.DisposeAsync();
        await Webhooks.DisposeAsync();
        await Database.DisposeAsync();
        _loggers.Dispose();
        Logs.Dispose();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // A file still held by a pooled connection is left in the temp folder; the next clean-up takes it.
        }
    }

    private ILogger<T> Logger<T>() => _loggers.CreateLogger<T>();
}
