using System.Text;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Jamcart.Cli.Dev;

/// <summary>
/// Reloads open pages after a rebuild: a server-sent event stream, and a small external script (the site's
/// Content-Security-Policy allows no inline script) that the dev server adds to every HTML page it serves. An edit
/// reloads every page; a rebuild after a sale reloads only the pages it changed, so a buyer's half-filled checkout
/// form is never thrown away because someone else bought the last teapot.
/// </summary>
internal sealed class LiveReload
{
    public const string ScriptPath = "/_jamcart/live.js";
    public const string EventsPath = "/_jamcart/events";

    private const string Everything = "\"*\"";

    private const string Script = """
        const source = new EventSource("/_jamcart/events");
        source.addEventListener("reload", (event) => {
          const changed = JSON.parse(event.data);
          const here = location.pathname.replace(/^\//, "");
          const page = here === "" || here.endsWith("/") ? here + "index.html" : here;
          if (changed === "*" || changed.includes(decodeURIComponent(page))) location.reload();
        });
        """;

    public event Action<string>? Rebuilt;

    /// <summary>Every open page reloads (the store's files were edited).</summary>
    public void Notify() => Rebuilt?.Invoke(Everything);

    /// <summary>Only the open pages among <paramref name="changedPaths"/> (output paths, <c>products/x/index.html</c>) reload.</summary>
    public void Notify(IReadOnlyCollection<string> changedPaths) =>
        Rebuilt?.Invoke(System.Text.Json.JsonSerializer.Serialize(changedPaths, LiveReloadJson.Default.IReadOnlyCollectionString));

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
        var pending = System.Threading.Channels.Channel.CreateUnbounded<string>();
        void OnRebuilt(string changed) => pending.Writer.TryWrite(changed);
        Rebuilt += OnRebuilt;

        // Ends with the server too: an open page's stream never ends by itself, and Ctrl-C would otherwise wait for it.
        var stopping = context.RequestServices.GetRequiredService<IHostApplicationLifetime>().ApplicationStopping;
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
        try
        {
            await context.Response.WriteAsync(": connected\n\n", ended.Token);
            await context.Response.Body.FlushAsync(ended.Token);
            while (!ended.IsCancellationRequested)
            {
                var changed = await pending.Reader.ReadAsync(ended.Token);
                await context.Response.WriteAsync($"event: reload\ndata: {changed}\n\n", ended.Token);
                await context.Response.Body.FlushAsync(ended.Token);
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
