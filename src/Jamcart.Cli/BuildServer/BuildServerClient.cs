using System.Diagnostics;
using System.Reflection;

using Jamcart.Site;

namespace Jamcart.Cli.BuildServer;

/// <summary>
/// The <c>jamcart build</c> side of a build server: hands the build to the server of the store when one runs, and
/// starts one after a build made without it, so that the next build of the same store finds the store loaded.
/// </summary>
internal static class BuildServerClient
{
    /// <summary>The result of the build as the server of this store made it; null when there is none, or it declined.</summary>
    public static BuildResult? TryBuild(string storeRoot, string outputRoot)
    {
        if (BuildServerAddress.Folder() is not { } folder)
        {
            return null;
        }

        var request = new BuildServerRequest(BuildServerRequest.Build, Path.GetFullPath(storeRoot), Path.GetFullPath(outputRoot));
        var response = BuildServerConnection.Ask(BuildServerAddress.SocketOf(folder, storeRoot, outputRoot), request);
        return response is { Status: BuildServerResponse.Built, Result: { } result } ? result : null;
    }

    /// <summary>
    /// Starts the server of this store and output folder in the background, in a session of its own (so closing the
    /// terminal or stopping the command's process group leaves it be), its output going to its log file.
    /// Returns false when there is nowhere to put its socket.
    /// </summary>
    public static bool Start(string storeRoot, string outputRoot)
    {
        if (BuildServerAddress.Folder() is not { } folder || !File.Exists("/bin/sh"))
        {
            return false;
        }

        var socket = BuildServerAddress.SocketOf(folder, storeRoot, outputRoot);
        var command = new List<string>();
        var process = Environment.ProcessPath!;
        command.Add(process);
        if (Path.GetFileNameWithoutExtension(process) == "dotnet")
        {
            // Run as `dotnet jamcart.dll`: the server is started the same way.
            command.Add(Assembly.GetEntryAssembly()!.Location);
        }

        command.AddRange(["build-server", "run", Path.GetFullPath(storeRoot), "--output", Path.GetFullPath(outputRoot)]);
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("""exec </dev/null >>"$0" 2>&1; if command -v setsid >/dev/null; then exec setsid "$@"; fi; exec "$@" """);
        start.ArgumentList.Add(BuildServerAddress.LogOf(socket));
        foreach (var argument in command)
        {
            start.ArgumentList.Add(argument);
        }

        using var started = Process.Start(start);
        return started is not null;
    }

    /// <summary>Asks every build server of this user to stop; how many did.</summary>
    public static int ShutdownAll() =>
        BuildServerAddress.Folder() is { } folder ? BuildServerAddress.AllSockets(folder).ToList().Count(Stop) : 0;

    /// <summary>Asks the build server of one store and output folder to stop; 1 when it did, 0 when none ran.</summary>
    public static int Shutdown(string storeRoot, string outputRoot) =>
        BuildServerAddress.Folder() is { } folder && Stop(BuildServerAddress.SocketOf(folder, storeRoot, outputRoot)) ? 1 : 0;

    private static bool Stop(string socket) =>
        BuildServerConnection.Ask(socket, new BuildServerRequest(BuildServerRequest.Shutdown, "", ""))?.Status == BuildServerResponse.Stopping;
}
