using System.Diagnostics;

using Shouldly;

namespace Jamcart.Cli.Tests;

/// <summary>
/// <c>jamcart build</c> through a build server, as processes: the first build starts one, later builds are answered
/// by it with what a one-shot build would print and write, and it stops when asked or when idle. Each test has its
/// own runtime folder, so its sockets and servers are its own.
/// </summary>
public sealed class BuildServerTests : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    private readonly TempFolder _temp = new();
    private readonly Dictionary<string, string?> _environment;

    public BuildServerTests()
    {
        Directory.CreateDirectory(_temp["run"]);
        _environment = new Dictionary<string, string?>
        {
            ["JAMCART_BUILD_SERVER"] = "1",
            ["XDG_RUNTIME_DIR"] = _temp["run"],
            ["JAMCART_BUILD_SERVER_IDLE"] = "120",
            ["JAMCART_DATABASE"] = null,
        };
        Directory.CreateDirectory(_temp["shop/products"]);
        File.WriteAllText(_temp["shop/jamcart.yml"], "name: Server Shop\nbaseUrl: https://shop.example.com\ncurrency: KRW\nlocale: ko\nlowStockThreshold: 3\n");
        Product("a", "A-1", stock: 50);
        Product("b", "B-1", stock: 50);
    }

    private string Sockets => Path.Combine(_temp["run"], "jamcart");

    [Fact]
    public async Task the_first_build_starts_a_server_and_the_next_is_answered_by_it()
    {
        var first = await BuildAsync();
        first.Exit.ShouldBe(0, first.Error);
        first.Out.ShouldContain("started a build server");
        await WaitForServerAsync();

        Product("a", "A-1", stock: 0);
        var second = await BuildAsync("--timings");

        second.Exit.ShouldBe(0, second.Error);
        second.Out.ShouldNotContain("started a build server");
        second.Error.ShouldContain("stamps", Case.Sensitive, "the server's phases: it looked for what changed rather than loading the store");
        second.Out.ShouldContain("rendered");
        File.ReadAllText(_temp["shop/public/products/a/index.html"]).ShouldContain("badge-sold_out");
        File.ReadAllText(ServerLog()).ShouldContain("built: ");
    }

    [Fact]
    public async Task an_error_is_reported_at_its_line_with_exit_code_1_and_fixing_it_builds_again()
    {
        await StartServerAsync();

        File.WriteAllText(_temp["shop/products/b.md"], "---\nsku: B-1\ntitle: B\nprice: 12.5\nstock: 3\n---\n");
        var failed = await BuildAsync();
        Product("b", "B-1", stock: 3);
        var repaired = await BuildAsync();

        failed.Exit.ShouldBe(1);
        failed.Error.ShouldContain("products/b.md:4:8: error: price '12.5'");
        failed.Error.ShouldContain("build failed: 1 error");
        repaired.Exit.ShouldBe(0, repaired.Error);
        File.ReadAllText(_temp["shop/public/products/b/index.html"]).ShouldContain("badge-low_stock");
    }

    [Fact]
    public async Task a_deleted_published_page_is_written_again()
    {
        await StartServerAsync();
        File.Delete(_temp["shop/public/products/b/index.html"]);

        var result = await BuildAsync();

        result.Exit.ShouldBe(0, result.Error);
        result.Out.ShouldContain("1 written");
        File.Exists(_temp["shop/public/products/b/index.html"]).ShouldBeTrue();
    }

    [Fact]
    public async Task shutdown_of_the_store_stops_its_server_and_the_next_build_works_without_it()
    {
        await StartServerAsync();

        var shutdown = await CliProcess.RunAsync(_environment, "build-server", "shutdown", _temp["shop"]);
        shutdown.ExitCode.ShouldBe(0, shutdown.Error);
        shutdown.Out.ShouldContain("stopped 1 build server");
        await WaitUntilAsync(() => !Directory.EnumerateFiles(Sockets, "*.sock").Any(), "the socket removed");

        Product("a", "A-1", stock: 2);
        var again = await BuildAsync();
        again.Exit.ShouldBe(0, again.Error);
        again.Out.ShouldContain("started a build server", Case.Sensitive, "built by itself, then started a new one");
        File.ReadAllText(_temp["shop/public/products/a/index.html"]).ShouldContain("badge-low_stock");
        await WaitForServerAsync();
    }

    [Fact]
    public async Task a_killed_servers_socket_is_taken_over_by_the_next_server()
    {
        await StartServerAsync();
        using (var server = ServerProcess())
        {
            server.Kill();
            await server.WaitForExitAsync(TestContext.Current.CancellationToken);
        }

        Product("a", "A-1", stock: 0);
        var alone = await BuildAsync();
        alone.Exit.ShouldBe(0, alone.Error);
        alone.Out.ShouldContain("started a build server", Case.Sensitive, "no one answered on the old socket: built by itself");
        File.ReadAllText(_temp["shop/public/products/a/index.html"]).ShouldContain("badge-sold_out");

        // The new server says "serving" once it has bound the socket the killed one left.
        await WaitUntilAsync(() => File.ReadAllText(ServerLog()).Split("serving ").Length > 2, "the new server listening");
        var served = await BuildAsync("--timings");
        served.Exit.ShouldBe(0, served.Error);
        served.Error.ShouldContain("stamps", Case.Sensitive, "the new server answers on the old socket's path");
    }

    [Theory]
    [InlineData("--no-server", null)]
    [InlineData(null, "CI")]
    [InlineData(null, "JAMCART_DATABASE")]
    public async Task no_server_is_started_when_told_not_to_under_ci_or_with_a_database_named_outside(string? option, string? variable)
    {
        if (variable == "CI")
        {
            _environment["JAMCART_BUILD_SERVER"] = null;
            _environment["CI"] = "true";
        }
        else if (variable == "JAMCART_DATABASE")
        {
            _environment["JAMCART_DATABASE"] = "sqlite:" + _temp["shop.db"];
        }

        var result = option is null ? await BuildAsync() : await BuildAsync(option);

        result.Exit.ShouldBe(0, result.Error);
        result.Out.ShouldNotContain("build server");
        (Directory.Exists(Sockets) ? Directory.EnumerateFiles(Sockets).ToList() : []).ShouldBeEmpty();
    }

    [Fact]
    public async Task an_idle_server_stops_by_itself()
    {
        _environment["JAMCART_BUILD_SERVER_IDLE"] = "2";

        var first = await BuildAsync();
        first.Exit.ShouldBe(0, first.Error);
        await WaitForServerAsync();

        await WaitUntilAsync(() => !Directory.EnumerateFiles(Sockets, "*.sock").Any(), "the idle server gone");
        File.ReadAllText(ServerLog()).ShouldContain("idle: stopping");
    }

    public void Dispose()
    {
        // Servers a failed test left behind stop now rather than when idle.
        CliProcess.RunAsync(_environment, "build-server", "shutdown").GetAwaiter().GetResult();
        _temp.Dispose();
    }

    private void Product(string slug, string sku, int stock) =>
        File.WriteAllText(_temp[$"shop/products/{slug}.md"], $"---\nsku: {sku}\ntitle: Product {sku}\nprice: 12000\nstock: {stock}\n---\nA fine product.\n");

    private async Task<(int Exit, string Out, string Error)> BuildAsync(params string[] options) =>
        await CliProcess.RunAsync(_environment, ["build", _temp["shop"], .. options]);

    /// <summary>Builds once by itself, then once through the server it started, so that the server has loaded the store.</summary>
    private async Task StartServerAsync()
    {
        var first = await BuildAsync();
        first.Exit.ShouldBe(0, first.Error);
        await WaitForServerAsync();
        var served = await BuildAsync("--timings");
        served.Exit.ShouldBe(0, served.Error);
        served.Error.ShouldContain("stamps");
    }

    // The server binds its socket before it loads the store: a build then waits for it to be ready.
    private Task WaitForServerAsync() => WaitUntilAsync(() => Directory.Exists(Sockets) && Directory.EnumerateFiles(Sockets, "*.sock").Any(), "the server's socket");

    private Process ServerProcess() => TryServerProcess() ?? throw new InvalidOperationException("no build server runs for the test's store");

    /// <summary>The build server of this test's store, found by its command line.</summary>
    private Process? TryServerProcess()
    {
        foreach (var folder in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(folder), out var pid))
            {
                continue;
            }

            string commandLine;
            try
            {
                commandLine = File.ReadAllText(Path.Combine(folder, "cmdline")).Replace('\0', ' ');
            }
            catch (IOException)
            {
                continue;
            }

            if (commandLine.Contains("build-server run " + _temp["shop"] + " ", StringComparison.Ordinal))
            {
                return Process.GetProcessById(pid);
            }
        }

        return null;
    }

    private string ServerLog() => Directory.EnumerateFiles(Sockets, "*.log").ShouldHaveSingleItem();

    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            clock.Elapsed.ShouldBeLessThan(Patience, $"waiting for {what}");
            await Task.Delay(50, TestContext.Current.CancellationToken);
        }
    }
}
