using System.Net;
using System.Net.Sockets;

namespace Jamcart.Testing;

/// <summary>A loopback port that no server listens on, for one a test is about to start (often in another process).</summary>
/// <remarks>
/// Taken below the kernel's ephemeral range, from which it also picks the local port of every outgoing connection. A
/// port found there with bind(0) and let go was now and then taken by one of the many connections the parallel test
/// projects open, before the server bound it ("address already in use"). Self-contained (BCL only) so that other test
/// projects can link this file.
/// </remarks>
public static class LoopbackPort
{
    private const int Lowest = 10_000;

    /// <summary>Linux's default start of the ephemeral range, for a machine that does not say.</summary>
    private const int DefaultEphemeralStart = 32_768;

    private static readonly int EphemeralStart = ReadEphemeralStart();

    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = EphemeralStart > Lowest + 1_000 ? Random.Shared.Next(Lowest, EphemeralStart) : 0;
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return ((IPEndPoint)listener.LocalEndpoint).Port;
            }
            catch (SocketException) when (port != 0)
            {
                // Someone listens there: try another.
            }
        }

        throw new InvalidOperationException($"No free loopback port found between {Lowest} and {EphemeralStart}.");
    }

    private static int ReadEphemeralStart()
    {
        try
        {
            var range = File.ReadAllText("/proc/sys/net/ipv4/ip_local_port_range").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
            return int.Parse(range[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return DefaultEphemeralStart;
        }
    }
}
