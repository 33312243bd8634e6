namespace Jamcart.Functions.Cors;

/// <summary>Origins as CORS compares them: <c>scheme://host[:port]</c>, lower case, without a default port or a path.</summary>
internal static class StoreCorsOrigins
{
    /// <summary>The origin of an address, or null when it is not an absolute http(s) address of an origin alone.</summary>
    public static string? Normalize(string? text)
    {
        if (!Uri.TryCreate(text?.Trim(), UriKind.Absolute, out var uri)
            || uri.Scheme is not ("http" or "https")
            || !string.IsNullOrEmpty(uri.UserInfo)
            || uri.PathAndQuery is not ("/" or "")
            || !string.IsNullOrEmpty(uri.Fragment))
        {
            return null;
        }

        return OriginOf(uri);
    }

    /// <summary>The origin of any absolute http(s) address (the store's <c>baseUrl</c> may have a path).</summary>
    public static string? OriginOf(Uri uri) =>
        uri.IsAbsoluteUri && uri.Scheme is "http" or "https"
            ? uri.GetComponents(UriComponents.SchemeAndServer, UriFormat.UriEscaped).ToLowerInvariant()
            : null;
}
