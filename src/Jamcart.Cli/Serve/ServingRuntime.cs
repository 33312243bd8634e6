using System.Collections;
using System.Runtime.InteropServices;

namespace Jamcart.Cli.Serve;

/// <summary>
/// Starts a long-running server command (<c>serve</c>, <c>sandbox</c>) once more, in the same process, with the
/// runtime's dynamic profile-guided optimization on.
/// </summary>
/// <remarks>
/// <para>
/// The command's runtime settings suit its one-shot builds: Tiered PGO is off in <c>Jamcart.Cli.csproj</c>, because a
/// build is over before the instrumented code pays back (10,000 products: 3.3 s without it, 4.9 s with it). A server
/// answering checkouts for hours is the opposite case: with it, the functions used 0.45–0.48 ms of CPU per checkout
/// instead of 0.56 (docs/benchmarks.md, "Checkout throughput"). The standalone functions host has it on, as .NET does
/// by default.
/// </para>
/// <para>
/// The runtime reads the setting once, when it starts. So the command replaces its own process image (<c>execve</c>)
/// with the same command line and <c>DOTNET_TieredPGO=1</c> added to its environment, before it has opened a file or a
/// socket: the same process id, standard streams and signals, so a supervisor, a terminal's Ctrl-C and a test that
/// started it see one process, as before. It costs one more start of the runtime (about 70 ms). Only on Linux,
/// where <c>/proc</c> gives the command line exactly as it was run; elsewhere, when <c>DOTNET_TieredPGO</c> is already
/// set either way (the user's word, or the new image), or when <c>execve</c> fails, the command goes on as it is.
/// </para>
/// </remarks>
internal static partial class ServingRuntime
{
    public const string Setting = "DOTNET_TieredPGO";

    /// <summary>Returns only when the process goes on as it is; otherwise the same command starts again with the setting.</summary>
    /// <remarks>Call it first in a command's action, which runs on the main thread: its signal mask is what the new image starts with.</remarks>
    public static void RestartWithProfileGuidedOptimization()
    {
        if (!OperatingSystem.IsLinux() || Environment.GetEnvironmentVariable(Setting) is not null)
        {
            return;
        }

        string[] commandLine;
        try
        {
            // NUL after every argument, so only the last NUL goes (an empty last argument is still an argument). The
            // first is what was run: the apphost, or dotnet with the assembly after it.
            var text = File.ReadAllText("/proc/self/cmdline");
            commandLine = (text.EndsWith('\0') ? text[..^1] : text).Split('\0');
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return;
        }

        var environment = new List<string?>();
        foreach (DictionaryEntry variable in Environment.GetEnvironmentVariables())
        {
            environment.Add($"{variable.Key}={variable.Value}");
        }

        environment.Add($"{Setting}=1");
        environment.Add(null);
        Console.Out.Flush();
        Console.Error.Flush();

        try
        {
            // On success this does not return. On failure (a file system that forbids it, say) the command runs without PGO.
            _ = Execve("/proc/self/exe", [.. commandLine, null], [.. environment]);
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            // A C library the runtime cannot find by that name: nothing was replaced.
        }
    }

    [LibraryImport("libc", EntryPoint = "execve", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Execve(string path, string?[] arguments, string?[] environment);
}
