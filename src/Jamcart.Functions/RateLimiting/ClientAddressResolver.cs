using System.Net;

using Jamcart.Functions.Configuration;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.RateLimiting;

/// <summary>
/// Who a request comes from, for rate limiting: the remote address, or, when that is a trusted proxy, the first
/// address in <c>X-Forwarded-For</c> that is not a trusted proxy, walking from the right. Entries left of it were
/// written by the client itself and prove nothing, so they are never used.
/// </summary>
internal sealed class ClientAddressResolver(IOptions<JamcartOptions> options)
{
    private readonly TrustedProxies _trusted = new(options.Value.TrustedProxies);

    public string Resolve(HttpContext context)
    {
        var remote = context.Connection.RemoteIpAddress;
        if (remote is null)
        {
            // In-process callers (tests, a serverless adapter's loopback) have no socket address.
            return "local";
        }

        remote = TrustedProxies.Canonical(remote);
        if (_trusted.IsEmpty || !_trusted.Contains(remote))
        {
            return remote.ToString();
        }

        var client = remote;
        var forwarded = context.Request.Headers["X-Forwarded-For"];
        for (var v = forwarded.Count - 1; v >= 0; v--)
        {
            var entries = (forwarded[v] ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            for (var i = entries.Length - 1; i >= 0; i--)
            {
                if (!TryParseForwarded(entries[i], out var hop))
                {
                    // A hop that is no address cannot be the client; the trusted hop that reported it is the best we know.
                    return client.ToString();
                }

                client = hop;
                if (!_trusted.Contains(hop))
                {
                    return hop.ToString();
                }
            }
        }

        return client.ToString();
    }

    private static bool TryParseForwarded(string entry, out IPAddress address)
    {
        // Some proxies add the port: "203.0.113.7:4711" or "[2001:db8::1]:4711".
        if (IPAddress.TryParse(entry, out address!))
        {
            address = TrustedProxies.Canonical(address);
            return true;
        }

        if (IPEndPoint.TryParse(entry, out var endPoint))
        {
            address = TrustedProxies.Canonical(endPoint.Address);
            return true;
        }

        return false;
    }
}
