using System.Net;

using Jamcart.Functions.Configuration;
using Jamcart.Functions.RateLimiting;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Tests.Units;

/// <summary>Who a request is from, for rate limiting: X-Forwarded-For is walked from the right, and only through trusted proxies.</summary>
public sealed class ClientAddressResolverTests
{
    [Theory]
    [InlineData("198.51.100.7", null, "198.51.100.7")]
    [InlineData("198.51.100.7", "203.0.113.1", "198.51.100.7")]
    [InlineData("10.0.0.1", null, "10.0.0.1")]
    [InlineData("10.0.0.1", "203.0.113.1", "203.0.113.1")]
    [InlineData("10.0.0.1", "6.6.6.6, 203.0.113.1", "203.0.113.1")]
    [InlineData("10.0.0.1", "203.0.113.1, 10.9.9.9", "203.0.113.1")]
    [InlineData("10.0.0.1", "10.8.8.8, 10.9.9.9", "10.8.8.8")]
    [InlineData("10.0.0.1", "203.0.113.1:4711", "203.0.113.1")]
    [InlineData("10.0.0.1", "[2001:db8::1]:4711", "2001:db8::1")]
    [InlineData("10.0.0.1", "6.6.6.6, not-an-address, 10.9.9.9", "10.9.9.9")]
    [InlineData("::ffff:10.0.0.1", "203.0.113.1", "203.0.113.1")]
    [InlineData("2001:db8:ffff::5", "203.0.113.1", "203.0.113.1")]
    public void the_client_is_the_first_untrusted_hop_from_the_right(string remote, string? forwardedFor, string client)
    {
        var options = new JamcartOptions();
        options.TrustedProxies.Add("10.0.0.0/8");
        options.TrustedProxies.Add("2001:db8:ffff::/48");
        var resolver = new ClientAddressResolver(Options.Create(options));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        resolver.Resolve(context).ShouldBe(client);
    }

    [Fact]
    public void without_trusted_proxies_forwarded_for_is_never_read()
    {
        var resolver = new ClientAddressResolver(Options.Create(new JamcartOptions()));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.1";

        resolver.Resolve(context).ShouldBe("127.0.0.1");
    }
}
