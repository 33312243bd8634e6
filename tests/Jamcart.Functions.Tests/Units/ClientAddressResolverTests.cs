using System.Net;

using Jamcart.Functions.Configuration;
using Jamcart.Functions.RateLimiting;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace Jamcart.Functions.Tests.Units;

/// <summary>
/// Who a request is from, for rate limiting: X-Forwarded-For is walked from the right, and only through trusted proxies;
/// an IPv6 client is its /64.
/// </summary>
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
    [InlineData("10.0.0.1", "[2001:db8::1]:4711", "2001:db8::/64")]
    [InlineData("10.0.0.1", "6.6.6.6, not-an-address, 10.9.9.9", "10.9.9.9")]
    [InlineData("::ffff:10.0.0.1", "203.0.113.1", "203.0.113.1")]
    [InlineData("2001:db8:ffff::5", "203.0.113.1", "203.0.113.1")]
    public void the_client_is_the_first_untrusted_hop_from_the_right(string remote, string? forwardedFor, string client) =>
        Resolve(remote, forwardedFor).ShouldBe(client);

    [Theory]
    [InlineData("2001:db8:1:2::1", null, "2001:db8:1:2::/64")]
    [InlineData("2001:db8:1:2:aaaa:bbbb:cccc:dddd", null, "2001:db8:1:2::/64")]
    [InlineData("fe80::1%3", null, "fe80::/64")]
    [InlineData("::ffff:198.51.100.7", null, "198.51.100.7")]
    [InlineData("10.0.0.1", "::ffff:203.0.113.9", "203.0.113.9")]
    [InlineData("10.0.0.1", "2001:db8:5:6:7:8:9:a", "2001:db8:5:6::/64")]
    [InlineData("2001:db8:ffff::5", "2001:db8:5:6::1, 2001:db8:ffff:1::7", "2001:db8:5:6::/64")]
    [InlineData("2001:db8:ffff::5", null, "2001:db8:ffff::/64")]
    public void an_ipv6_client_is_its_64_network_and_a_mapped_ipv4_one_its_ipv4_address(string remote, string? forwardedFor, string client) =>
        Resolve(remote, forwardedFor).ShouldBe(client);

    [Theory]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:2:ffff:ffff:ffff:ffff", true)]
    [InlineData("2001:db8:1:2::1", "2001:db8:1:3::1", false)]
    [InlineData("2001:db8:1:2::1", "2001:db9:1:2::1", false)]
    [InlineData("198.51.100.7", "::ffff:198.51.100.7", true)]
    [InlineData("198.51.100.7", "198.51.100.8", false)]
    public void addresses_share_a_budget_only_within_one_64(string one, string other, bool shared) =>
        (Resolve(one, null) == Resolve(other, null)).ShouldBe(shared);

    [Fact]
    public void without_trusted_proxies_forwarded_for_is_never_read()
    {
        var resolver = new ClientAddressResolver(Options.Create(new JamcartOptions()));
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Loopback;
        context.Request.Headers["X-Forwarded-For"] = "203.0.113.1";

        resolver.Resolve(context).ShouldBe("127.0.0.1");
    }

    [Theory]
    [InlineData("127.0.0.1", "203.0.113.1", "203.0.113.1")]
    [InlineData("::1", "6.6.6.6, 203.0.113.1", "203.0.113.1")]
    [InlineData("127.0.0.1", null, "127.0.0.1")]
    [InlineData("198.51.100.7", "203.0.113.1", "198.51.100.7")]
    public void on_aws_lambda_the_web_adapter_on_loopback_is_a_trusted_proxy(string remote, string? forwardedFor, string client)
    {
        var resolver = new ClientAddressResolver(
            Options.Create(new JamcartOptions()),
            name => name == "AWS_LAMBDA_FUNCTION_NAME" ? "jamcart-functions" : null);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        if (forwardedFor is not null)
        {
            context.Request.Headers["X-Forwarded-For"] = forwardedFor;
        }

        resolver.Resolve(context).ShouldBe(client);
    }

    private static string Resolve(string remote, string? forwardedFor)
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

        return resolver.Resolve(context);
    }
}
