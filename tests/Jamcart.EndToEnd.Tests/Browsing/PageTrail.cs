using System.Collections.Concurrent;

namespace Jamcart.EndToEnd.Tests.Browsing;

/// <summary>
/// What a page did, kept for a failure's message: the API's and the payment provider's answers (from the page and its
/// card frame), any other answer that failed, the console, and the storefront's <c>jamcart:error</c> events. For a step that fails now and then under load, so
/// that the failure says which answer or event came before it.
/// </summary>
internal sealed class PageTrail
{
    private readonly ConcurrentQueue<string> _lines = new();

    private PageTrail()
    {
    }

    public static async Task<PageTrail> FollowAsync(IPage page)
    {
        var trail = new PageTrail();
        page.Response += (_, response) =>
        {
            var path = new Uri(response.Url).AbsolutePath;
            if (path.StartsWith("/v1/", StringComparison.Ordinal) || path.StartsWith("/api/", StringComparison.Ordinal) || response.Status >= 400)
            {
                trail._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {response.Request.Method} {path} {response.Status}");
            }
        };
        page.Console += (_, message) => trail._lines.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} console {message.Type}: {message.Text}");
        await page.AddInitScriptAsync(
            "document.addEventListener('jamcart:error', e => console.warn('jamcart:error ' + JSON.stringify(e.detail)));");
        return trail;
    }

    /// <summary>Runs <paramref name="step"/>; when it fails, the failure carries the trail.</summary>
    public async Task ExpectAsync(Func<Task> step)
    {
        try
        {
            await step();
        }
        catch (PlaywrightException failure)
        {
            throw new InvalidOperationException(failure.Message + "\nWhat the page did:\n" + string.Join("\n", _lines), failure);
        }
    }
}
