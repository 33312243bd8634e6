using System.Net;
using System.Net.Sockets;

using Jamcart.Functions.Hosting;

using Microsoft.Extensions.Configuration;

namespace Jamcart.Functions.Tests.Hosting;

/// <summary>
/// The addresses probed before the standalone host starts, as Kestrel reads them from the configuration. Only loopback
/// ones: a host name or a bare port (<c>http_ports</c>) means every address of the machine, which tests do not bind.
/// </summary>
public sealed class ListenAddressesTests
{
    [Theory]
    [InlineData("urls", "http://127.0.0.1:{0}")]
    [InlineData("urls", "http://127.0.0.2:1;http://localhost:{0}")]
    public void a_configured_address_in_use_is_found_and_named(string key, string value)
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var inUse = Should.Throw<IOException>(() => ListenAddresses.EnsureFree(Configuration((key, string.Format(null, value, port)))));

        inUse.Message.ShouldContain($":{port}");
        inUse.InnerException.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldBe(SocketError.AddressAlreadyInUse);
    }

    [Fact]
    public void free_addresses_and_what_only_kestrel_can_judge_pass()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;
        taken.Stop();

        ListenAddresses.EnsureFree(Configuration(("urls", $"http://127.0.0.1:{port};http://127.0.0.1:0;not a url")));
    }

    [Fact]
    public void kestrel_s_own_endpoints_are_left_to_kestrel()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var url = $"http://127.0.0.1:{((IPEndPoint)taken.LocalEndpoint).Port}";

        ListenAddresses.EnsureFree(Configuration(("urls", url), ("Kestrel:Endpoints:Main:Url", url)));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(8080)]
    public void an_address_this_machine_cannot_listen_on_is_refused_with_the_reason(int port)
    {
        // A loopback address no socket of one family can bind: IPv4-mapped, on an IPv6-only socket as Kestrel opens it.
        var mapped = IPAddress.Loopback.MapToIPv6();

        var refused = Should.Throw<IOException>(() => ListenAddresses.EnsureFree(mapped, port));

        refused.InnerException.ShouldBeOfType<SocketException>().SocketErrorCode.ShouldNotBe(SocketError.AddressAlreadyInUse);
        refused.Message.ShouldBe(refused.InnerException.Message);
    }

    [Fact]
    public void a_free_address_passes_and_one_in_use_is_named_so()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        Should.Throw<IOException>(() => ListenAddresses.EnsureFree(IPAddress.Loopback, port)).Message.ShouldBe("address already in use");
        ListenAddresses.EnsureFree(IPAddress.Loopback, 0);
    }

    private static IConfiguration Configuration(params (string Key, string Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();
}
