using System.Text;

using Microsoft.AspNetCore.Http;

namespace Jamcart.Cli.Dev;

/// <summary>
/// Reloads open pages after each rebuild: a server-sent event stream, and a small external script (the site's
/// Content-Security-Policy allows no inline script) that the dev server adds to every HTML page it serves.
/// </summary>
internal sealed class LiveReload
{
    public const string ScriptPath = "/_jamcart/live.js";
    public const string EventsPath = "/_jamcart/events";

    private const string Script = """
        const source = new EventSource("/_jamcart/events");
        source.addEventListener("reload", () => location.reload());
        """;

    private int _version;

    public event Action? Rebuilt;

    public void Notify()
    {
        Interlocked.Increment(ref _version);
        Rebuilt?.Invoke();
    }

    public static Task ServeScriptAsync(HttpContext context)
    {
        context.Response.ContentType = "text/javascript; charset=utf-8";
        context.Response.Headers.CacheControl = "no-cache";
        return context.Response.WriteAsync(Script);
    }

    public async Task ServeEventsAsync(HttpContext context)
    {
        context.Response.ContentType = "text/event-stream";
        context.Response.Headers.CacheControl = "no-cache";
        var signal = new SemaphoreSlim(0);
        void OnRebuilt() => signal.Release();
        Rebuilt += OnRebuilt;
        try
        {
            await context.Response.WriteAsync(": connected\n\n", context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            while (!context.RequestAborted.IsCancellationRequested)
            {
                await signal.WaitAsync(context.RequestAborted);
                await context.Response.WriteAsync("event: reload\ndata: {}\n\n", context.RequestAborted);
                await context.Response.Body.FlushAsync(context.RequestAborted);
            }
        }
        catch (OperationCanceledException)
        {
            // The browser navigated away or the server is stopping.
        }
        finally
        {
            Rebuilt -= OnRebuilt;
        }
    }

    public static byte[] Inject(byte[] html)
    {
        var text = Encoding.UTF8.GetString(html);
        var tag = $"<script src=\"{ScriptPath}\" type=\"module\"></script>";
        var index = text.LastIndexOf("</body>", StringComparison.OrdinalIgnoreCase);
        text = index < 0 ? text + tag : text.Insert(index, tag);
        return Encoding.UTF8.GetBytes(text);
    }
}
