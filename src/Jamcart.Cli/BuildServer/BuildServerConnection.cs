using System.Net.Sockets;
using System.Text;

namespace Jamcart.Cli.BuildServer;

/// <summary>The client's end of a build server's socket: one request and its answer per connection.</summary>
internal static class BuildServerConnection
{
    /// <summary>
    /// Sends <paramref name="request"/> to the server at <paramref name="socket"/> and waits for its answer, however long
    /// the build takes; null when no server answers there. Blocking on purpose: this runs once in a short-lived command.
    /// </summary>
    public static BuildServerResponse? Ask(string socket, BuildServerRequest request)
    {
        if (!File.Exists(socket))
        {
            return null;
        }

        try
        {
            using var client = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
            client.Connect(new UnixDomainSocketEndPoint(socket));
            using var stream = new NetworkStream(client, ownsSocket: false);
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            using var reader = new BinaryReader(stream, Encoding.UTF8, leaveOpen: true);
            BuildServerProtocol.Write(writer, request);
            return BuildServerProtocol.ReadResponse(reader);
        }
        catch (Exception e) when (e is SocketException or IOException)
        {
            // No one listening, or a server that died mid-answer (EndOfStreamException is an IOException).
            return null;
        }
    }
}
