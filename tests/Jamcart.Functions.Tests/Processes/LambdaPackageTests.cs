using System.Diagnostics;

using Jamcart.Payments.Sandbox;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// The AWS Lambda package started the way Lambda starts it (<see cref="LambdaEntry"/>): it answers on PostgreSQL and
/// refuses SQLite in one line.
/// </summary>
[System.Runtime.Versioning.SupportedOSPlatform("linux")]
public sealed class LambdaPackageTests(PostgresServer server) : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private string? _laidOut;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() => _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);

    public async ValueTask DisposeAsync()
    {
        await _sandbox.StopAsync();
        if (_laidOut is not null)
        {
            Directory.Delete(_laidOut, recursive: true);
        }
    }

    [Fact]
    public async Task the_package_started_as_lambda_starts_it_answers_health_on_postgresql()
    {
        var port = LoopbackPort.Free();
        var entry = Entry(Package(), port, await server.CreateDatabaseAsync());

        await using var host = await HostProcess.StartAsync(entry, port);

        using var http = new HttpClient { BaseAddress = host.Address };
        (await http.GetAsync("/api/health", Ct)).IsSuccessStatusCode.ShouldBeTrue(host.Output);
    }

    [Fact]
    public async Task the_package_started_as_lambda_starts_it_refuses_sqlite_in_one_line()
    {
        var entry = Entry(Package(), LoopbackPort.Free(), "sqlite:" + Path.Combine(Path.GetTempPath(), "jamcart-lambda-never-opened.db"));

        var (exitCode, text) = await HostProcess.RunToExitAsync(entry);

        exitCode.ShouldNotBe(0, text);
        var refusal = text.Split('\n').Where(line => line.StartsWith("jamcart functions:", StringComparison.Ordinal)).ShouldHaveSingleItem(text);
        refusal.ShouldContain("AWS Lambda cannot keep");
        refusal.ShouldContain("PostgreSQL");
    }

    /// <summary>The package's bootstrap with Lambda's environment and this test's database and sandbox.</summary>
    private ProcessStartInfo Entry(string package, int port, string database) =>
        LambdaEntry.StartInfo(package, port, HostProcess.Settings(database, _sandbox));

    private string Package()
    {
        if (_laidOut is not null)
        {
            return _laidOut;
        }

        var package = LambdaEntry.Package(out var laidOut);
        if (laidOut)
        {
            _laidOut = package;
        }

        return package;
    }
}
