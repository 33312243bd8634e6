using System.Net;
using System.Net.Sockets;

using Jamcart.Functions.Configuration;

using Microsoft.Extensions.Options;

namespace Jamcart.Functions.RateLimiting;

/// <summary>
/// Who a request comes from, for rate limiting: the remote address, or, when that is a trusted proxy, the first
/// address in <c>X-Forwarded-For</c> that is not a trusted proxy, walking from the right. Entries left of it were
/// written by the client itself and prove nothing, so they are never used. An IPv6 client is its /64 network. On AWS
/// Lambda the Web Adapter on loopback is a trusted proxy besides the configured ones.
/// </summary>
/// <remarks>
/// An IPv6 subscriber (a home line, a phone, a rented server) gets at least a whole /64 and may send each request from
/// another of its 2^64 addresses, so counting each address alone would be no limit at all. A /64 is what one network
/// of one site gets, so unrelated clients rarely share one; where a host puts several customers in one /64 they share
/// a budget, as clients behind one IPv4 NAT do. A subscriber given a /56 or /48 still has 256 or 65,536 budgets: a
/// coarser edge limit (docs/scale.md) is the answer to that. IPv4-mapped IPv6 addresses (<c>::ffff:198.51.100.7</c>,
/// from dual-stack sockets) count as their IPv4 address.
/// </remarks>
internal sealed class ClientAddressResolver
{
    private static readonly string[] Loopback = ["127.0.0.1", "::1"];

    private readonly TrustedProxies _trusted;

    public ClientAddressResolver(IOptions<JamcartOptions> options)
        : this(options, Environment.GetEnvironmentVariable)
    {
    }

    /// <param name="environment">Reads an environment variable: tests pretend to be on AWS Lambda through it.</param>
    internal ClientAddressResolver(IOptions<JamcartOptions> options, Func<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(options);
        IEnumerable<string> trusted = options.Value.TrustedProxies;
        if (ServerlessPlatform.IsAwsLambda(environment))
        {
            // On Lambda every request comes from the Web Adapter on loopback (run.sh listens nowhere else), which
            // passes on the X-Forwarded-For that API Gateway, the function URL or the ALB appended the buyer's address
            // to. Not trusted, every buyer of the shop would be "127.0.0.1" and share one budget: one client sending
            // 120 requests a minute would lock every other out of checkout.
            trusted = trusted.Concat(Loopback);
        }

        _trusted = new TrustedProxies(trusted);
    }

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
            return Bucket(remote);
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
                    return Bucket(client);
                }

                client = hop;
                if (!_trusted.Contains(hop))
                {
                    return Bucket(hop);
                }
            }
        }

        return Bucket(client);
    }

    /// <summary>What one client counts as: an IPv4 address itself, an IPv6 address its /64 (<c>2001:db8:1:2::/64</c>).</summary>
    public static string Bucket(IPAddress address)
    {
        address = TrustedProxies.Canonical(address);
        if (address.AddressFamily != AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        // The interface identifier (the last 64 bits) and any scope id are the subscriber's to choose: both dropped.
        Span<byte> bytes = stackalloc byte[16];
        address.TryWriteBytes(bytes, out _);
        bytes[8..].Clear();
        return new IPAddress(bytes) + "/64";
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
