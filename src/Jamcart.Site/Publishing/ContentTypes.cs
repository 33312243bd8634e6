namespace Jamcart.Site;

/// <summary>The <c>Content-Type</c> a published file is served with, by its extension.</summary>
public static class ContentTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".html"] = "text/html; charset=utf-8",
        [".json"] = "application/json",
        [".xml"] = "application/xml",
        [".txt"] = "text/plain; charset=utf-8",
        [".css"] = "text/css; charset=utf-8",
        [".js"] = "text/javascript; charset=utf-8",
        [".mjs"] = "text/javascript; charset=utf-8",
        [".map"] = "application/json",
        [".svg"] = "image/svg+xml",
        [".png"] = "image/png",
        [".jpg"] = "image/jpeg",
        [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif",
        [".webp"] = "image/webp",
        [".avif"] = "image/avif",
        [".ico"] = "image/x-icon",
        [".woff2"] = "font/woff2",
        [".woff"] = "font/woff",
        [".ttf"] = "font/ttf",
        [".otf"] = "font/otf",
        [".pdf"] = "application/pdf",
        [".webmanifest"] = "application/manifest+json",
    };

    public static string Of(string path)
    {
        // _headers (Netlify, Cloudflare Pages) has no extension and is text.
        if (Path.GetFileName(path) == HeadersFile.FileName)
        {
            return "text/plain; charset=utf-8";
        }

        return ByExtension.GetValueOrDefault(Path.GetExtension(path), "application/octet-stream");
    }
}
