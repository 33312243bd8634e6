using System.Collections;
using System.Runtime.InteropServices;

namespace Jamcart.Cli.Serve;

/// <summary>
/// Starts a long-running server command (<c>serve</c>, <c>sandbox</c>) once more, in the same process, with runtime
/// settings that suit a server rather than a one-shot build.
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
/// The runtime reads these settings once, when it starts. So the command replaces its own process image
/// (<c>execve</c>) with the same command line and the settings added to its environment, before it has opened a file
/// or a socket: the same process id, standard streams and signals, so a supervisor, a terminal's Ctrl-C and a test that
/// started it see one process, as before. It costs one more start of the runtime (about 70 ms). Only on Linux, where
/// <c>/proc</c> gives the command line exactly as it was run; elsewhere, when every setting is already in the
/// environment (the user's word, either way, or the new image), or when <c>execve</c> fails, the command goes on as it is.
/// </para>
/// </remarks>
internal static partial class ServingRuntime
{
    public const string TieredPgo = "DOTNET_TieredPGO";
    public const string Gen0Size = "DOTNET_GCgen0size";
    public const string ConcurrentGc = "DOTNET_gcConcurrent";

    /// <summary>For <c>jamcart serve</c>: dynamic PGO.</summary>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Functions = [new(TieredPgo, "1")];

    /// <summary>For <c>jamcart sandbox</c>: dynamic PGO, and a garbage collector for a heap that only grows.</summary>
    /// <remarks>
    /// Like Stripe, the sandbox keeps every PaymentIntent, event and idempotent answer of its run, some 4 KB per
    /// checkout, all of which survives its first collection. The runtime sizes the first generation by how much
    /// survives, so each of its collections had more to copy: under checkout load the sandbox stopped for 25–40 ms
    /// every 0.6 s, and every checkout in flight waited for it. With the first generation held at 8 MiB (the value is
    /// hexadecimal, as the runtime reads it) it stops more often, for at most 10–17 ms: the sandbox's p99 went from
    /// 25–32 ms to 7–9 ms (docs/benchmarks.md, "The sandbox's collections"). Background collection keeps the growing
    /// older generation from stopping it too (the command line's default is non-concurrent).
    /// </remarks>
    public static readonly IReadOnlyList<KeyValuePair<string, string>> Sandbox =
        [new(TieredPgo, "1"), new(Gen0Size, "0x800000"), new(ConcurrentGc, "1")];

    /// <summary>
    /// Returns only when the process goes on as it is; otherwise the same command starts again with each of
    /// <paramref name="settings"/> the environment does not already give.
    /// </summary>
    /// <remarks>Call it first in a command's action, which runs on the main thread: its signal mask is what the new image starts with.</remarks>
    public static void RestartWith(IReadOnlyList<KeyValuePair<string, string>> settings)
    {
        var missing = settings.Where(setting => Environment.GetEnvironmentVariable(setting.Key) is null).ToList();
        if (!OperatingSystem.IsLinux() || missing.Count == 0)
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

        environment.AddRange(missing.Select(setting => $"{setting.Key}={setting.Value}"));
        environment.Add(null);
        Console.Out.Flush();
        Console.Error.Flush();

        try
        {
            // On success this does not return. On failure (a file system that forbids it, say) the command runs as it is.
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
