using System.Net;
using System.Net.Sockets;

namespace Jamcart.Functions.Hosting;

/// <summary>
/// Finds an address already in use before the host starts, by binding it for a moment as Kestrel will: left to the
/// host, Kestrel's failure to bind is logged with its whole stack before it reaches the caller, which can say it in
/// one line. An address taken in between is still caught where the host starts, with that log line. For the addresses
/// of the host's configuration, anything else (a family this machine lacks, an address not its own) is left for
/// Kestrel to report as it does, since Kestrel falls back to another family for some of them.
/// </summary>
public static class ListenAddresses
{
    /// <summary>The address Kestrel listens on when nothing is configured.</summary>
    private const string KestrelDefault = "http://localhost:5000";

    /// <summary>
    /// Whether Kestrel can listen on exactly <paramref name="address"/>:<paramref name="port"/>, as
    /// <c>ListenOptions</c> of that address make it (no fallback to another family).
    /// </summary>
    /// <exception cref="IOException">
    /// The address is in use, or this machine cannot listen on it (an address not its own, a family it lacks); the
    /// inner <see cref="SocketException"/> says which.
    /// </exception>
    public static void EnsureFree(IPAddress address, int port)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (BindRefusal(address, port) is { } refused)
        {
            throw new IOException(
                refused.SocketErrorCode == SocketError.AddressAlreadyInUse ? "address already in use" : refused.Message, refused);
        }
    }

    /// <summary>
    /// The same for every address the host's <paramref name="configuration"/> gives Kestrel: <c>urls</c>
    /// (<c>ASPNETCORE_URLS</c>), else <c>http_ports</c> (<c>ASPNETCORE_HTTP_PORTS</c>), else Kestrel's default. Endpoints
    /// of Kestrel's own section are not probed. A host name other than <c>localhost</c> listens on every address, as
    /// Kestrel takes it.
    /// </summary>
    /// <exception cref="IOException">An address is in use; the message names it as configured.</exception>
    public static void EnsureFree(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration.GetSection("Kestrel:Endpoints").Exists())
        {
            return;
        }

        const StringSplitOptions Parts = StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries;
        IEnumerable<string> urls = configuration["urls"] is { Length: > 0 } configured ? configured.Split(';', Parts)
            : configuration["http_ports"] is { Length: > 0 } ports ? ports.Split(';', Parts).Select(port => $"http://*:{port}")
            : [KestrelDefault];
        foreach (var url in urls)
        {
            BindingAddress binding;
            try
            {
                binding = BindingAddress.Parse(url);
            }
            catch (FormatException)
            {
                // Kestrel says what is wrong with it.
                continue;
            }

            if (binding.IsUnixPipe)
            {
                continue;
            }

            if (AddressesOf(binding.Host).Select(address => InUse(address, binding.Port)).FirstOrDefault(taken => taken is not null) is { } inUse)
            {
                throw new IOException($"Failed to bind to address {url}: address already in use.", inUse);
            }
        }
    }

    /// <summary>The refusal to bind <paramref name="address"/>:<paramref name="port"/> for a moment when another socket has it; null otherwise.</summary>
    private static SocketException? InUse(IPAddress address, int port) =>
        port != 0 && BindRefusal(address, port) is { SocketErrorCode: SocketError.AddressAlreadyInUse } taken ? taken : null;

    /// <summary>Why binding <paramref name="address"/>:<paramref name="port"/> for a moment fails; null when it does not (port 0 binds a free one).</summary>
    private static SocketException? BindRefusal(IPAddress address, int port)
    {
        try
        {
            using var probe = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
            if (address.Equals(IPAddress.IPv6Any))
            {
                // Kestrel listens on both families there.
                probe.DualMode = true;
            }

            probe.Bind(new IPEndPoint(address, port));
            return null;
        }
        catch (SocketException e)
        {
            return e;
        }
    }

    private static IPAddress[] AddressesOf(string host) =>
        string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase) ? [IPAddress.Loopback, IPAddress.IPv6Loopback]
        : IPAddress.TryParse(host, out var literal) ? [literal]
        : [IPAddress.IPv6Any];
}
