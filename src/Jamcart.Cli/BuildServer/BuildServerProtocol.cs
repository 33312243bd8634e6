using Jamcart.Site;

namespace Jamcart.Cli.BuildServer;

/// <summary>What a client asks a build server: one request per connection.</summary>
/// <param name="Command"><see cref="Build"/>, <see cref="Shutdown"/> or <see cref="Ping"/>.</param>
/// <param name="Store">The full path of the store folder, checked against the server's own.</param>
/// <param name="Output">The full path of the output folder, checked against the server's own.</param>
internal sealed record BuildServerRequest(string Command, string Store, string Output)
{
    public const string Build = "build";
    public const string Shutdown = "shutdown";
    public const string Ping = "ping";
}

/// <summary>The server's answer: a build's result, or why it did not build.</summary>
/// <param name="Status"><see cref="Built"/>; <see cref="Declined"/> when the client should build by itself; <see cref="Stopping"/>.</param>
internal sealed record BuildServerResponse(string Status, BuildResult? Result = null)
{
    public const string Built = "built";
    public const string Declined = "declined";
    public const string Stopping = "stopping";
}

/// <summary>
/// How requests and answers cross the socket: length-prefixed fields through <see cref="BinaryWriter"/>, read with
/// no serializer to start, since the client is a short-lived command and every millisecond of its start counts.
/// </summary>
internal static class BuildServerProtocol
{
    // Changes whenever a message changes shape; the socket's name already differs per build of Jamcart.
    private const int Version = 1;

    public static void Write(BinaryWriter writer, BuildServerRequest request)
    {
        writer.Write(Version);
        writer.Write(request.Command);
        writer.Write(request.Store);
        writer.Write(request.Output);
        writer.Flush();
    }

    /// <exception cref="InvalidDataException">Not a request of this version.</exception>
    public static BuildServerRequest ReadRequest(BinaryReader reader)
    {
        if (reader.ReadInt32() != Version)
        {
            throw new InvalidDataException("not a build server request of this version");
        }

        return new BuildServerRequest(reader.ReadString(), reader.ReadString(), reader.ReadString());
    }

    public static void Write(BinaryWriter writer, BuildServerResponse response)
    {
        writer.Write(response.Status);
        if (response.Result is { } result)
        {
            writer.Write(result.Diagnostics.Count);
            foreach (var diagnostic in result.Diagnostics)
            {
                diagnostic.Write(writer);
            }

            writer.Write(result.Outputs);
            writer.Write(result.Rendered);
            writer.Write(result.Written);
            writer.Write(result.Removed);
            writer.Write(result.Elapsed.Ticks);
            writer.Write(result.Timings.Count);
            foreach (var (phase, time) in result.Timings)
            {
                writer.Write(phase);
                writer.Write(time.Ticks);
            }
        }

        writer.Flush();
    }

    public static BuildServerResponse ReadResponse(BinaryReader reader)
    {
        var status = reader.ReadString();
        if (status != BuildServerResponse.Built)
        {
            return new BuildServerResponse(status);
        }

        var diagnostics = new Diagnostic[reader.ReadInt32()];
        for (var i = 0; i < diagnostics.Length; i++)
        {
            diagnostics[i] = Diagnostic.Read(reader);
        }

        var (outputs, rendered, written, removed) = (reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32(), reader.ReadInt32());
        var elapsed = new TimeSpan(reader.ReadInt64());
        var timings = new (string, TimeSpan)[reader.ReadInt32()];
        for (var i = 0; i < timings.Length; i++)
        {
            timings[i] = (reader.ReadString(), new TimeSpan(reader.ReadInt64()));
        }

        return new BuildServerResponse(status, new BuildResult(diagnostics, outputs, rendered, written, removed, [], elapsed) { Timings = timings });
    }
}
