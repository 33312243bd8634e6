using System.Collections.Concurrent;

using Jamcart.EndToEnd.Tests.Hosting;

namespace Jamcart.EndToEnd.Tests.Browsing;

/// <summary>
/// What a page did, kept for a failure's message: the API's and the payment provider's answers (from the page and its
/// card frame), any other answer that failed, the console, and the storefront's <c>jamcart:error</c> events. For a step that fails now and then under load, so
/// that the failure says which answer or event came before it.
/// </summary>
internal sealed class PageTrail
{
    private readonly ConcurrentQueue<string> _lines = new();
    private DevShop? _shop;

    private PageTrail()
    {
    }

    /// <param name="page">The page to follow, with its frames.</param>
    /// <param name="shop">The shop behind it, whose last lines of output join the trail.</param>
    public static async Task<PageTrail> FollowAsync(IPage page, DevShop? shop = null)
    {
        var trail = new PageTrail { _shop = shop };
        // Each request when it leaves as well as when it is answered: a request that never comes back shows as one line.
        page.Request += (_, request) =>
        {
            if (IsApi(request.Url))
            {
                trail.Add($"{request.Method} {new Uri(request.Url).AbsolutePath} sent");
            }
        };
        page.Response += (_, response) =>
        {
            if (IsApi(response.Url) || response.Status >= 400)
            {
                trail.Add($"{response.Request.Method} {new Uri(response.Url).AbsolutePath} {response.Status}");
            }
        };
        page.RequestFailed += (_, request) => trail.Add($"{request.Method} {new Uri(request.Url).AbsolutePath} failed: {request.Failure}");
        page.Console += (_, message) => trail.Add($"console {message.Type}: {message.Text}");
        await page.AddInitScriptAsync(
            "document.addEventListener('jamcart:error', e => console.warn('jamcart:error ' + JSON.stringify(e.detail)));");
        return trail;
    }

    private static bool IsApi(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal);
    }

    private void Add(string line) => _lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {line}");

    /// <summary>Runs <paramref name="step"/>; when it fails, the failure carries the trail.</summary>
    public async Task ExpectAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (PlaywrightException failure)
        {
            var shop = _shop is null ? "" : "\nThe shop's last lines:\n" + string.Join("\n", _shop.Output.Split('\n').TakeLast(40));
            throw new InvalidOperationException(
                failure.Message + "\nWhat the page did:\n" + string.Join("\n", _lines) + shop, failure);
        }
    }
}
