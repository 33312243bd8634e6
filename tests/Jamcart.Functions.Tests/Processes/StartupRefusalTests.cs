using Jamcart.Payments.Sandbox;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// The host started as a deployment starts it, against a store database it cannot open: it exits with 1 and says why in
/// one line, instead of aborting on an unhandled exception (a core dump, and the stack trace twice).
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

        exitCode.ShouldBe(1, output);
        var reason = Refusal(output);
        reason.ShouldContain("cannot open the store database");
        reason.ShouldContain("127.0.0.1:1");
        output.ShouldNotContain("hunter2-secret");
        output.ShouldNotContain("Unhandled exception");
    }

    [Fact]
    public async Task a_login_the_server_refuses_stops_the_start_with_the_server_s_reason()
    {
        var database = await server.CreateDatabaseAsync();
        var (exitCode, output) = await RunAsync($"postgres://nobody-here:hunter2-secret@127.0.0.1:{server.Port}/{database}");

        exitCode.ShouldBe(1, output);
        var reason = Refusal(output);
        reason.ShouldContain("cannot open the store database");
        reason.ShouldContain("28000");
        reason.ShouldContain("nobody-here");
        output.ShouldNotContain("hunter2-secret");
        output.ShouldNotContain("Unhandled exception");
    }

    private static string Refusal(string output) =>
        output.Split('\n').Where(line => line.StartsWith("jamcart functions:", StringComparison.Ordinal)).ShouldHaveSingleItem(output);

    private Task<(int ExitCode, string Output)> RunAsync(string database) =>
        HostProcess.RunToExitAsync(HostProcess.StartInfo(LoopbackPort.Free(), new Dictionary<string, string>
        {
            ["JAMCART_DATABASE"] = database,
            ["JAMCART_ADMIN_KEY"] = HostProcess.AdminKey,
            ["Jamcart__Payments__Provider"] = "sandbox",
            ["Jamcart__Payments__SecretKey"] = _sandbox.SecretKey,
            ["Jamcart__Payments__PublishableKey"] = _sandbox.PublishableKey,
            ["Jamcart__Payments__WebhookSecrets__0"] = _sandbox.WebhookSecret,
            ["Jamcart__Payments__ApiBase"] = _sandbox.BaseUrl.ToString(),
        }));
}
