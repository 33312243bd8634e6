using System.Collections.Concurrent;
using System.Text.Encodings.Web;

namespace Jamcart.Payments.Sandbox.Browser;

/// <summary>The files under <c>Sandbox/Web</c>, embedded as resources named <c>sandbox/&lt;path&gt;</c>.</summary>
internal static class WebAssets
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">The file was not embedded: a build problem, not a request problem.</exception>
    public static string Text(string path) => Cache.GetOrAdd(path, static path =>
    {
        using var stream = typeof(WebAssets).Assembly.GetManifestResourceStream("sandbox/" + path)
            ?? throw new InvalidOperationException($"The sandbox's web file '{path}' is not embedded in the assembly.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    public static string ContentType(string path) => Path.GetExtension(path) switch
    {
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".html" => "text/html; charset=utf-8",
        _ => "application/octet-stream",
    };

    /// <summary>An HTML template with each <c>{{name}}</c> replaced by its value, HTML-encoded.</summary>
    public static string Render(string path, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? trustedHtml = null)
    {
        var html = Text(path);
        foreach (var (name, value) in values)
        {
            html = html.Replace("{{" + name + "}}", HtmlEncoder.Default.Encode(value), StringComparison.Ordinal);
        }

        foreach (var (name, value) in trustedHtml ?? new Dictionary<string, string>())
        {
            html = html.Replace("{{" + name + "}}", value, StringComparison.Ordinal);
        }

        return html;
    }
}
