using Jamcart.EndToEnd.Tests.Browsing;
using Jamcart.EndToEnd.Tests.Hosting;

namespace Jamcart.EndToEnd.Tests;

/// <summary>
/// One test class's shop and browser: a fresh copy of the tea shop under <c>jamcart dev</c> and one Chromium. Each test
/// opens its own browser context, so no cart, storage or cookie passes from one test to the next.
/// </summary>
public sealed class ShopFixture : IAsyncLifetime
{
    private readonly string _workFolder = Path.Combine(Path.GetTempPath(), "jamcart-e2e", Guid.NewGuid().ToString("N"));
    private DevShop? _shop;
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    static ShopFixture()
    {
        // Every wait is web-first, never a sleep; a checkout round trip on a busy 2-core machine takes a few seconds.
        SetDefaultExpectTimeout(15_000);
    }

    internal DevShop Shop => _shop ?? throw new InvalidOperationException("the shop has not started");

    public async ValueTask InitializeAsync()
    {
        // The browser first: a missing Chromium fails in a second, before the shop is built.
        _playwright = await Playwright.CreateAsync();
        _browser = await Chromium.LaunchAsync(_playwright);
        Directory.CreateDirectory(_workFolder);
        _shop = await DevShop.StartAsync(_workFolder, TestContext.Current.CancellationToken);
    }

    /// <summary>A new, empty browser context at the shop's origin: 1280×800, the given language, a fresh localStorage.</summary>
    public async Task<IBrowserContext> NewContextAsync(string locale = "ko-KR")
    {
        var context = await _browser!.NewContextAsync(new()
        {
            BaseURL = Shop.Url.ToString(),
            Locale = locale,
            ViewportSize = new() { Width = 1280, Height = 800 },
        });
        context.SetDefaultTimeout(15_000);
        // jamcart dev reloads every open page after a rebuild, and a sale in one test rebuilds pages while the next test
        // may be typing into the checkout form. A published site has no live reload: answering its event stream with
        // 204 (which tells EventSource not to reconnect) keeps each test's pages its own.
        await context.RouteAsync("**/_jamcart/events", route => route.FulfillAsync(new() { Status = 204 }));
        return context;
    }

    public async ValueTask DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        if (_shop is not null)
        {
            await _shop.DisposeAsync();
        }

        try
        {
            Directory.Delete(_workFolder, recursive: true);
        }
        catch (IOException)
        {
            // Left for the OS to clean: a child process may still hold a file.
        }
    }
}
