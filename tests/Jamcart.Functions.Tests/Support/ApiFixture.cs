using System.Net;
using System.Net.Sockets;

using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Payments.Sandbox;

using Microsoft.Extensions.DependencyInjection;

namespace Jamcart.Functions.Tests.Support;

/// <summary>
/// One running host for a test class: its own database, its own sandbox provider, the catalog synced the way a build
/// does it. Tests add their own products (<see cref="AddProductAsync"/>), so no test sees another's stock or orders.
/// </summary>
public abstract class ApiFixture : IAsyncLifetime
{
    public const string AdminKey = "admin-key-for-tests-0123456789abcdef";
    public const string StoreOrigin = "https://shop.example";
    public const string ExtraOrigin = "https://preview.shop.example";

    private readonly List<CatalogItem> _catalog = [];
    private readonly SemaphoreSlim _catalogLock = new(1, 1);
    private ApiFactory? _factory;
    private SandboxServer? _sandbox;
    private int _skus;

    /// <summary>A won shop with 3,000 won shipping (free from 50,000) and 10 % tax included.</summary>
    public static StoreSettings Settings { get; } = new(
        "Test shop",
        new Uri(StoreOrigin + "/"),
        new PricingRules(Currency.KRW, new ShippingRule(new Money(3000, Currency.KRW), new Money(50000, Currency.KRW), []), new TaxRule(100_000, Inclusive: true)),
        "en",
        ["en", "ko"],
        LowStockThreshold: 3);

    public LogCapture Logs { get; } = new();

    public ApiFactory Factory => _factory ?? throw new InvalidOperationException("Not started.");

    public SandboxServer Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The database the host uses (through its timing decorator).</summary>
    public ICheckoutStore Store => Factory.Services.GetRequiredService<ICheckoutStore>();

    /// <summary>The host's address when it listens on a real port (webhooks from the sandbox reach it there).</summary>
    public Uri? RealAddress { get; private set; }

    /// <summary>Whether the host listens on a loopback port (the sandbox delivers webhooks to it) instead of in memory.</summary>
    protected virtual bool RealNetwork => false;

    protected virtual string Environment => "Development";

    public async ValueTask InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        var port = RealNetwork ? FreeLoopbackPort() : 0;
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions
        {
            Port = 0,
            WebhookUrl = RealNetwork ? new Uri($"http://127.0.0.1:{port}/api/webhooks/stripe") : null,
        });

        var settings = new Dictionary<string, string?>
        {
            ["Jamcart:Database"] = database,
            ["Jamcart:AdminKey"] = AdminKey,
            ["Jamcart:AllowedOrigins:0"] = ExtraOrigin,
            ["Jamcart:RateLimit:PermitsPerMinute"] = "100000",
            ["Jamcart:RateLimit:StockPermitsPerMinute"] = "100000",
            ["Jamcart:Background:Enabled"] = "false",
            ["Jamcart:Payments:Provider"] = "sandbox",
            ["Jamcart:Payments:SecretKey"] = _sandbox.SecretKey,
            ["Jamcart:Payments:PublishableKey"] = _sandbox.PublishableKey,
            ["Jamcart:Payments:WebhookSecrets:0"] = _sandbox.WebhookSecret,
            ["Jamcart:Payments:ApiBase"] = _sandbox.BaseUrl.ToString(),
            ["Jamcart:Payments:Timeout"] = "00:00:05",
            ["Jamcart:Payments:MaxNetworkRetries"] = "0",
        };
        Configure(settings);
        _factory = new ApiFactory(settings, Environment, Logs, ConfigureServices);
        if (RealNetwork)
        {
            _factory.UseKestrel(port);
            _factory.StartServer();
            RealAddress = new Uri($"http://127.0.0.1:{port}/");
            Client = _factory.CreateClient(new() { BaseAddress = RealAddress, AllowAutoRedirect = false });
        }
        else
        {
            Client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        }

        await SyncAsync([]);
    }

    /// <summary>A SKU no other test of this host uses.</summary>
    public string NewSku(string prefix = "TEA") => $"{prefix}-{Interlocked.Increment(ref _skus):D4}";

    /// <summary>Adds a product to the catalog (a build's catalog sync), with its initial stock; returns its SKU.</summary>
    public async Task<string> AddProductAsync(long stock = 10, long price = 12000, bool draft = false, string? sku = null)
    {
        sku ??= NewSku();
        await SyncAsync([new CatalogItem(sku, "Tea " + sku, new Money(price, Currency.KRW), draft, stock)]);
        return sku;
    }

    /// <summary>A client for the host with the admin key.</summary>
    public HttpClient AdminClient()
    {
        var client = RealAddress is null
            ? Factory.CreateClient(new() { AllowAutoRedirect = false })
            : Factory.CreateClient(new() { BaseAddress = RealAddress, AllowAutoRedirect = false });
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", AdminKey);
        return client;
    }

    public async ValueTask DisposeAsync()
    {
        Client?.Dispose();
        if (_factory is not null)
        {
            await _factory.DisposeAsync();
        }

        if (_sandbox is not null)
        {
            await _sandbox.DisposeAsync();
        }

        await DropDatabaseAsync();
        _catalogLock.Dispose();
        GC.SuppressFinalize(this);
    }

    /// <summary>A new, empty database for this host; its connection string.</summary>
    protected abstract Task<string> CreateDatabaseAsync();

    protected virtual Task DropDatabaseAsync() => Task.CompletedTask;

    /// <summary>Changes to the host's settings (section <c>Jamcart</c>) before it starts.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>Changes to the host's services before it starts.</summary>
    protected virtual void ConfigureServices(IServiceCollection services)
    {
    }

    private async Task SyncAsync(IReadOnlyList<CatalogItem> items)
    {
        await _catalogLock.WaitAsync();
        try
        {
            CatalogItem[] catalog = [.. _catalog, .. items];
            await Store.SyncCatalogAsync(Settings, catalog, DateTimeOffset.UtcNow, CancellationToken.None);
            _catalog.AddRange(items);
        }
        finally
        {
            _catalogLock.Release();
        }
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
