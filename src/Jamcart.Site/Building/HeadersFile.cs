using System.Text;

namespace Jamcart.Site;

/// <summary>
/// <c>_headers</c> in the syntax Netlify and Cloudflare Pages read: a Content-Security-Policy that allows no inline
/// script (every script is an external file carrying Subresource Integrity, whose hashes are listed too) beyond the
/// payment provider's own script, frames and API, and year-long immutable caching for fingerprinted assets, whose
/// names change whenever their bytes do.
/// </summary>
public static class HeadersFile
{
    public const string FileName = "_headers";

    /// <summary>Where the sandbox provider may run: any port of the loopback address (by default 127.0.0.1:5081).</summary>
    public static readonly IReadOnlyList<string> SandboxOrigins = ["http://127.0.0.1:*", "http://localhost:*"];

    internal static string ContentSecurityPolicy(StoreConfig config, IEnumerable<string> scriptIntegrities)
    {
        var scripts = new List<string> { "'self'" };
        scripts.AddRange(scriptIntegrities.Order(StringComparer.Ordinal).Select(h => $"'{h}'"));
        var frames = new List<string> { "'self'" };
        var connect = new List<string> { "'self'" };
        if (config.PaymentProvider == "stripe")
        {
            // Stripe.js and its card field iframes, per Stripe's published CSP guidance.
            scripts.AddRange(["https://js.stripe.com", "https://*.js.stripe.com"]);
            frames.AddRange(["https://js.stripe.com", "https://*.js.stripe.com", "https://hooks.stripe.com"]);
            connect.Add("https://api.stripe.com");
        }
        else
        {
            // The sandbox serves sandbox.js, its card field and 3-D Secure frames and its API on its own origin, which
            // is always on this machine (jamcart dev, tests) but on whatever port it was started with: loopback only.
            scripts.AddRange(SandboxOrigins);
            frames.AddRange(SandboxOrigins);
            connect.AddRange(SandboxOrigins);
        }

        return string.Join("; ",
            "default-src 'self'",
            "script-src " + string.Join(' ', scripts),
            "style-src 'self'",
            "img-src 'self' data: https:",
            "font-src 'self'",
            "connect-src " + string.Join(' ', connect),
            "frame-src " + string.Join(' ', frames),
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'");
    }

    internal static byte[] Write(StoreConfig config, string contentSecurityPolicy, IEnumerable<string> fingerprintedUrls)
    {
        var text = new StringBuilder();
        text.Append(config.BasePath).Append("/*\n");
        text.Append("  Content-Security-Policy: ").Append(contentSecurityPolicy).Append('\n');
        text.Append("  X-Content-Type-Options: nosniff\n");
        text.Append("  Referrer-Policy: strict-origin-when-cross-origin\n");
        text.Append("  Permissions-Policy: camera=(), microphone=(), geolocation=()\n");
        foreach (var url in fingerprintedUrls.Order(StringComparer.Ordinal))
        {
            text.Append(url).Append("\n  Cache-Control: public, max-age=31536000, immutable\n");
        }

        return Encoding.UTF8.GetBytes(text.ToString());
    }
}
