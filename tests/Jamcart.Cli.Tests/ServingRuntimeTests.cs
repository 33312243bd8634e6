using Shouldly;

namespace Jamcart.Cli.Tests;

/// <summary>
/// The long-running server commands start again, in the same process, with runtime settings for a server: dynamic PGO,
/// which the command's one-shot builds keep off, and for the sandbox a small first GC generation and background
/// collection (src/Jamcart.Cli/Serve/ServingRuntime.cs).
/// </summary>
public sealed class ServingRuntimeTests
{
    private static readonly Dictionary<string, string?> Unset = new()
    {
        ["DOTNET_TieredPGO"] = null,
        ["DOTNET_GCgen0size"] = null,
        ["DOTNET_gcConcurrent"] = null,
    };

    [Fact]
    public async Task sandbox_runs_with_its_settings_in_the_process_it_was_started_as_and_stops_on_a_signal()
    {
        using var sandbox = ServerProcess.Start(Unset, "sandbox", "--port", "0");
        await sandbox.WaitForOutputAsync("Sandbox payments at", "the sandbox to start");

        sandbox.StartEnvironment().ShouldContain("DOTNET_TieredPGO=1", "the image running under the started process id has the setting");
        sandbox.StartEnvironment().ShouldContain("DOTNET_GCgen0size=0x800000");
        sandbox.StartEnvironment().ShouldContain("DOTNET_gcConcurrent=1");
        sandbox.StartEnvironment().ShouldContain("JAMCART_BUILD_SERVER=0", "the rest of the environment is kept");
        sandbox.Output.Count(line => line.Contains("Sandbox payments at", StringComparison.Ordinal)).ShouldBe(1, "one start is seen, not two");
        StoppedBySignal(await sandbox.StopAsync());
    }

    [Fact]
    public async Task a_setting_the_user_gave_is_kept_and_the_others_are_added()
    {
        using var sandbox = ServerProcess.Start(
            new Dictionary<string, string?>(Unset) { ["DOTNET_TieredPGO"] = "0", ["DOTNET_GCgen0size"] = "0x2000000" }, "sandbox", "--port", "0");
        await sandbox.WaitForOutputAsync("Sandbox payments at", "the sandbox to start");

        sandbox.StartEnvironment().ShouldContain("DOTNET_TieredPGO=0");
        sandbox.StartEnvironment().ShouldNotContain("DOTNET_TieredPGO=1");
        sandbox.StartEnvironment().ShouldContain("DOTNET_GCgen0size=0x2000000");
        sandbox.StartEnvironment().ShouldNotContain("DOTNET_GCgen0size=0x800000");
        sandbox.StartEnvironment().ShouldContain("DOTNET_gcConcurrent=1", "the one setting not given was still added");
        StoppedBySignal(await sandbox.StopAsync());
    }

    /// <summary>
    /// The signal reached the new image and stopped it. Sent this soon after the start, the command line library's
    /// own answer to it (130 for SIGINT, 143 for SIGTERM) can come before the command's 0: either is a clean stop.
    /// </summary>
    private static void StoppedBySignal(int exitCode) => new[] { 0, 130, 143 }.ShouldContain(exitCode);
}
