using Jamcart.Site;

using Microsoft.AspNetCore.Http;

namespace Jamcart.Cli.Dev;

/// <summary>Serves the built site's pages the way a CDN with pretty URLs would; in development with the live-reload script.</summary>
internal sealed class SiteFiles(string outputRoot, bool liveReload)
{
    private (DateTime Stamp, List<KeyValuePair<string, string>> Headers) _headers = (DateTime.MinValue, []);

    /// <summary>Applies the <c>/*</c> rules of the built <c>_headers</c> file, so the dev server enforces the same CSP.</summary>
    public void ApplyHeaders(HttpResponse response)
    {
        var path = Path.Combine(outputRoot, HeadersFile.FileName);
        var stamp = File.Exists(path) ? File.GetLastWriteTimeUtc(path) : DateTime.MinValue;
        if (stamp != _headers.Stamp)
        {
            _headers = (stamp, stamp == DateTime.MinValue ? [] : ReadSiteWideHeaders(path));
        }

        foreach (var (name, value) in _headers.Headers)
        {
            response.Headers[name] = value;
        }
    }

    public Task? TryServeHtmlAsync(HttpContext context)
    {
        var file = Resolve(context.Request.Path.Value ?? "/");
        if (file is null)
        {
            return null;
        }

        if (Directory.Exists(file.Value.FullPath) && !context.Request.Path.Value!.EndsWith('/'))
        {
            // Escaped: a header holds ASCII only, and Kestrel fails the answer for a folder named 녹차 otherwise.
            context.Response.Redirect(context.Request.Path.ToUriComponent() + "/" + context.Request.QueryString);
            return Task.CompletedTask;
        }

        return file.Value.IsHtml && File.Exists(file.Value.FullPath) ? ServeHtmlAsync(context, file.Value.FullPath, StatusCodes.Status200OK) : null;
    }

    public Task ServeNotFoundAsync(HttpContext context)
    {
        var notFound = Path.Combine(outputRoot, "404.html");
        if (File.Exists(notFound))
        {
            return ServeHtmlAsync(context, notFound, StatusCodes.Status404NotFound);
        }

        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private async Task ServeHtmlAsync(HttpContext context, string path, int status)
    {
        var bytes = await File.ReadAllBytesAsync(path, context.RequestAborted);
        if (liveReload)
        {
            bytes = LiveReload.Inject(bytes);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, context.RequestAborted);
    }

    private (string FullPath, bool IsHtml)? Resolve(string requestPath)
    {
        // Kestrel has decoded the path already, all but escaped slashes. Decoding it again turned %252E%252E into "..",
        // and an escaped slash or an empty segment made a folder of the site of "//evil.example/..%2Fen", whose
        // redirect to the path and its "/" then took the browser to evil.example. No page's address has any of them.
        if (requestPath.Contains("%2F", StringComparison.OrdinalIgnoreCase)
            || requestPath.Contains('\\', StringComparison.Ordinal)
            || requestPath.Contains("//", StringComparison.Ordinal))
        {
            return null;
        }

        var full = Path.GetFullPath(Path.Combine(outputRoot, requestPath.TrimStart('/')));

        // Never serve anything outside the output folder, whatever the URL says; a folder beside it whose name starts
        // with the same letters (public-drafts beside public) is outside too.
        if (full != outputRoot && !full.StartsWith(Path.TrimEndingDirectorySeparator(outputRoot) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            return null;
        }

        if (Directory.Exists(full))
        {
            return (requestPath.EndsWith('/') ? Path.Combine(full, "index.html") : full, true);
        }

        return (full, full.EndsWith(".html", StringComparison.Ordinal));
    }

    private static List<KeyValuePair<string, string>> ReadSiteWideHeaders(string path)
    {
        var headers = new List<KeyValuePair<string, string>>();
        var inSiteWide = false;
        foreach (var line in File.ReadLines(path))
        {
            if (!line.StartsWith(' '))
            {
                inSiteWide = line.TrimEnd().EndsWith("/*", StringComparison.Ordinal);
                continue;
            }

            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (inSiteWide && colon > 0)
            {
                headers.Add(new(line[..colon].Trim(), line[(colon + 1)..].Trim()));
            }
        }

        return headers;
    }
}
