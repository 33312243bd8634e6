using Jamcart.Payments.Sandbox;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// The host started as a deployment starts it, against a store database it cannot open or on an address it cannot
/// listen on: it exits with 1 and says why in one line, instead of aborting on an unhandled exception (a core dump,
/// and the stack trace twice).
/// </summary>
public sealed class StartupRefusalTests(PostgresServer server) : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;

    public async ValueTask InitializeAsync() =>
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, TestContext.Current.CancellationToken);

    public async ValueTask DisposeAsync() => await _sandbox.StopAsync();

    [Fact]
    public async Task a_database_server_that_is_not_there_stops_the_start_in_one_line_without_the_password()
    {
        var (exitCode, output) = await RunAsync("postgres://shop:hunter2-secret@127.0.0.1:1/shop");

        ShouldBeRefused(exitCode, output, "cannot open the store database", "127.0.0.1:1");
    }

    [Fact]
    public async Task a_login_the_server_refuses_stops_the_start_with_the_server_s_reason()
    {
        var database = "refused_" + Guid.NewGuid().ToString("N");
        await server.CreateDatabaseAsync(database);

        var (exitCode, output) = await RunAsync($"postgres://nobody-here:hunter2-secret@127.0.0.1:{server.Port}/{database}");

        ShouldBeRefused(exitCode, output, "cannot open the store database", "28000", "nobody-here");
    }

    [Fact]
    public async Task an_address_already_taken_stops_the_start_in_one_line()
    {
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        var (exitCode, output) = await RunAsync(await server.CreateDatabaseAsync(), port);

        ShouldBeRefused(exitCode, output, $"127.0.0.1:{port}", "ASPNETCORE_URLS");
        output.ShouldNotContain("Hosting failed to start");
    }

    [Fact]
    public async Task a_setting_that_is_not_of_its_type_stops_the_start_in_one_line()
    {
        var settings = HostProcess.Settings(await server.CreateDatabaseAsync(), _sandbox);
        settings["Jamcart__RateLimit__Shared"] = "maybe";

        var (exitCode, output) = await HostProcess.RunToExitAsync(HostProcess.StartInfo(LoopbackPort.Free(), settings));

        ShouldBeRefused(exitCode, output, "'maybe' at 'Jamcart:RateLimit:Shared'");
    }

    [Fact]
    public async Task a_database_not_migrated_stops_a_start_told_not_to_migrate_and_names_what_is_missing()
    {
        var settings = HostProcess.Settings(await server.CreateDatabaseAsync(), _sandbox);
        settings["Jamcart__MigrateOnStart"] = "false";

        var (exitCode, output) = await HostProcess.RunToExitAsync(HostProcess.StartInfo(LoopbackPort.Free(), settings));

        ShouldBeRefused(exitCode, output, "cannot open the store database", "0001_initial", "jamcart db migrate");
    }

    /// <summary>Exit code 1, one line that says why (with these parts), no stack and no password.</summary>
    private static void ShouldBeRefused(int exitCode, string output, params string[] reasonParts)
    {
        exitCode.ShouldBe(1, output);
        var reason = output.Split('\n').Where(line => line.StartsWith("jamcart functions:", StringComparison.Ordinal)).ShouldHaveSingleItem(output);
        foreach (var part in reasonParts)
        {
            reason.ShouldContain(part);
        }

        output.ShouldNotContain("hunter2-secret");
        output.ShouldNotContain("Unhandled exception");
    }

    private Task<(int ExitCode, string Output)> RunAsync(string database, int? port = null) =>
        HostProcess.RunToExitAsync(HostProcess.StartInfo(port ?? LoopbackPort.Free(), HostProcess.Settings(database, _sandbox)));
}
