using System.Collections.Concurrent;
using System.Text.Encodings.Web;
using System.Text.RegularExpressions;
using System.Text.Unicode;

namespace Jamcart.Payments.Sandbox.Browser;

/// <summary>The files under <c>Sandbox/Web</c>, embedded as resources named <c>sandbox/&lt;path&gt;</c>.</summary>
internal static partial class WebAssets
{
    private static readonly ConcurrentDictionary<string, string> Cache = new(StringComparer.Ordinal);

    // Korean and every other script stay as they are; only what HTML needs escaped is.
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(UnicodeRanges.All);

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

    /// <summary>
    /// An HTML template with each <c>{{name}}</c> replaced by its value, HTML-encoded, or by its trusted HTML. One pass:
    /// a value that holds <c>{{…}}</c> itself (an origin from a query string) is never expanded.
    /// </summary>
    public static string Render(string path, IReadOnlyDictionary<string, string> values, IReadOnlyDictionary<string, string>? trustedHtml = null) =>
        Placeholder().Replace(Text(path), match =>
        {
            var name = match.Groups["name"].Value;
            return trustedHtml is not null && trustedHtml.TryGetValue(name, out var html) ? html
                : values.TryGetValue(name, out var value) ? Encoder.Encode(value)
                : match.Value;
        });

    [GeneratedRegex(@"\{\{(?<name>[A-Za-z0-9_.]+)\}\}")]
    private static partial Regex Placeholder();
}
