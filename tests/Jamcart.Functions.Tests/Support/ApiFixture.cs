using Jamcart.Checkout.Catalog;
using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Functions.Tests.Processes;
using Jamcart.Payments.Sandbox;
using Jamcart.Storage;
using Jamcart.Testing;

using Microsoft.Extensions.DependencyInjection;

namespace Jamcart.Functions.Tests.Support;

/// <summary>
/// One running host for a test class: its own database, its own sandbox provider, the catalog synced the way a build
/// does it. Tests add their own products (<see cref="AddProductAsync"/>), so no test sees another's stock or orders.
/// </summary>
/// <remarks>
/// The host runs in this process, or, when <see cref="HostBinary.Variable"/> names a binary, as that binary's own
/// process with the same settings in its environment (<see cref="OutOfProcess"/>). A test that needs the host inside
/// this process (its test server, services replaced by the test) says so with <see cref="RequiresInProcessHost"/>.
/// </remarks>
public abstract class ApiFixture : IAsyncLifetime
{
    public const string AdminKey = "admin-key-for-tests-0123456789abcdef";
    public const string StoreOrigin = "https://shop.example";
    public const string ExtraOrigin = "https://preview.shop.example";

    private readonly List<CatalogItem> _catalog = [];
    private readonly SemaphoreSlim _catalogLock = new(1, 1);
    private ApiFactory? _factory;
    private HostProcess? _process;
    private CheckoutDatabase? _database;
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

    /// <summary>The settings this host's catalog is synced with, products priced in their currency: <see cref="Settings"/> unless a fixture says otherwise.</summary>
    public virtual StoreSettings ShopSettings => Settings;

    /// <summary>Whether the host runs as the binary named by <see cref="HostBinary.Variable"/> rather than in this process.</summary>
    public static bool OutOfProcess => HostBinary.IsExternal;

    /// <summary>The in-process host; a test that uses it skips when the host runs as its own process.</summary>
    public ApiFactory Factory
    {
        get
        {
            RequiresInProcessHost("it talks to the host's in-memory test server");
            return _factory ?? throw new InvalidOperationException("Not started.");
        }
    }

    public SandboxServer Sandbox => _sandbox ?? throw new InvalidOperationException("Not started.");

    public HttpClient Client { get; private set; } = null!;

    /// <summary>The database the host uses (through its timing decorator when in process, directly when not).</summary>
    public ICheckoutStore Store => OutOfProcess
        ? (_database ?? throw new InvalidOperationException("Not started.")).Store
        : Factory.Services.GetRequiredService<ICheckoutStore>();

    /// <summary>The host's address when it listens on a real port (webhooks from the sandbox reach it there).</summary>
    public Uri? RealAddress { get; private set; }

    /// <summary>Whether the host listens on a loopback port (the sandbox delivers webhooks to it) instead of in memory.</summary>
    protected virtual bool RealNetwork => false;

    protected virtual string Environment => "Development";

    public async ValueTask InitializeAsync()
    {
        var database = await CreateDatabaseAsync();
        var port = RealNetwork || OutOfProcess ? LoopbackPort.Free() : 0;
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
        if (OutOfProcess)
        {
            await StartProcessAsync(port, settings, database);
        }
        else if (RealNetwork)
        {
            _factory = new ApiFactory(settings, Environment, Logs, ConfigureServices);
            // Not UseKestrel(port): that rewrites the server's addresses after the app, which starts Kestrel on a thread
            // of its own, may have bound them already, and then fails the fixture now and then. An endpoint of its own
            // in Kestrel's options leaves the addresses alone.
            _factory.UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, port));
            _factory.StartServer();
            RealAddress = new Uri($"http://127.0.0.1:{port}/");
            Client = _factory.CreateClient(new() { BaseAddress = RealAddress, AllowAutoRedirect = false });
        }
        else
        {
            _factory = new ApiFactory(settings, Environment, Logs, ConfigureServices);
            Client = _factory.CreateClient(new() { AllowAutoRedirect = false });
        }

        await SyncAsync([]);
    }

    /// <summary>A SKU no other test of this host uses.</summary>
    public string NewSku(string prefix = "TEA") => $"{prefix}-{Interlocked.Increment(ref _skus):D4}";

    /// <summary>Adds a product to the catalog (a build's catalog sync, without the build's checks), with its initial stock and its price in minor units of the shop's currency; returns its SKU.</summary>
    public async Task<string> AddProductAsync(long stock = 10, long price = 12000, bool draft = false, string? sku = null)
    {
        sku ??= NewSku();
        await SyncAsync([new CatalogItem(sku, "Tea " + sku, new Money(price, ShopSettings.Currency), draft, stock)]);
        return sku;
    }

    /// <summary>Takes a product out of the catalog, as a build's catalog sync does when its file is gone.</summary>
    public async Task RemoveProductAsync(string sku)
    {
        await _catalogLock.WaitAsync();
        try
        {
            _catalog.RemoveAll(item => item.Sku == sku);
            await Store.SyncCatalogAsync(ShopSettings, [.. _catalog], DateTimeOffset.UtcNow, CancellationToken.None);
        }
        finally
        {
            _catalogLock.Release();
        }
    }

    /// <summary>Skips the calling test when the host runs as its own process, saying why the test needs it in this one.</summary>
    public static void RequiresInProcessHost(string because) =>
        Assert.SkipWhen(OutOfProcess, $"Needs the host in the test process, not the binary named by {HostBinary.Variable}: {because}.");

    /// <summary>A client for the host with the admin key.</summary>
    public HttpClient AdminClient()
    {
        var client = OutOfProcess ? ProcessClient()
            : RealAddress is null
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

        if (_process is not null)
        {
            await _process.DisposeAsync();
        }

        if (_database is not null)
        {
            await _database.DisposeAsync();
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

    /// <summary>
    /// Starts the binary with the test's settings as environment variables (<c>Jamcart:Payments:ApiBase</c> becomes
    /// <c>Jamcart__Payments__ApiBase</c>), and opens the same database here for the catalog sync.
    /// </summary>
    private async Task StartProcessAsync(int port, Dictionary<string, string?> settings, string database)
    {
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = Environment,
            // Every line the in-process host would log, so that log assertions (nothing secret) still see them.
            ["Logging__LogLevel__Default"] = "Debug",
        };
        foreach (var (key, value) in settings)
        {
            if (value is not null)
            {
                environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
            }
        }

        _process = await HostProcess.StartAsync(port, environment, Logs.Add);
        _database = await CheckoutDatabase.OpenAsync(database, TimeProvider.System, migrate: false, cancellationToken: CancellationToken.None);
        RealAddress = _process.Address;
        Client = ProcessClient();
    }

    private HttpClient ProcessClient() =>
        new(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            // Header values go out as the bytes the test wrote (a hostile client's UTF-8), which HttpClient refuses by default.
            RequestHeaderEncodingSelector = (_, _) => System.Text.Encoding.Latin1,
        })
        {
            BaseAddress = RealAddress,
        };

    private async Task SyncAsync(IReadOnlyList<CatalogItem> items)
    {
        await _catalogLock.WaitAsync();
        try
        {
            CatalogItem[] catalog = [.. _catalog, .. items];
            await Store.SyncCatalogAsync(ShopSettings, catalog, DateTimeOffset.UtcNow, CancellationToken.None);
            _catalog.AddRange(items);
        }
        finally
        {
            _catalogLock.Release();
        }
    }
}
