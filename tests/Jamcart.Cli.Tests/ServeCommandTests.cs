using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox;
using Jamcart.Testing;

using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed class ServeCommandTests
{
    /// <summary>What a shop gives <c>jamcart serve</c>: the admin key and the sandbox as its provider, no database named.</summary>
    private static Dictionary<string, string?> Settings(SandboxServer sandbox) => new()
    {
        ["JAMCART_DATABASE"] = null,
        ["DOTNET_TieredPGO"] = null,
        ["DOTNET_GCgen0size"] = null,
        ["JAMCART_ADMIN_KEY"] = "test-admin-key-0123456789abcdef0123456789",
        ["Jamcart__Payments__Provider"] = "sandbox",
        ["Jamcart__Payments__SecretKey"] = sandbox.SecretKey,
        ["Jamcart__Payments__PublishableKey"] = sandbox.PublishableKey,
        ["Jamcart__Payments__WebhookSecrets__0"] = sandbox.WebhookSecret,
        ["Jamcart__Payments__ApiBase"] = sandbox.BaseUrl.ToString(),
    };

    [Fact]
    public async Task serve_on_a_port_already_taken_says_so_in_one_line_and_exits_3()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, cancel);
        using var taken = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port;

        var result = await CliProcess.RunAsync(
            Settings(sandbox),
            "serve", temp["shop"], "--port", port.ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Error.ShouldContain($"jamcart: cannot listen on 127.0.0.1:{port}");
        result.Error.ShouldContain("choose another with --port");
        result.Error.ShouldNotContain("   at ");
        result.Out.ShouldNotContain("Hosting failed to start", Case.Sensitive, "the one line is all there is, not the host's stack as well");
        result.Out.ShouldNotContain("AddressInUseException");
    }

    [Fact]
    public async Task serve_on_an_address_it_cannot_listen_on_says_why_in_one_line_and_writes_no_database()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, cancel);
        var port = LoopbackPort.Free();

        // Loopback, IPv4-mapped: an address Kestrel's IPv6-only socket cannot bind, as it cannot one of another machine.
        var result = await CliProcess.RunAsync(
            Settings(sandbox),
            "serve", temp["shop"], "--host", "::ffff:127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Error.ShouldContain($"jamcart: cannot listen on [::ffff:127.0.0.1]:{port}: ");
        result.Error.ShouldContain("choose another with --host");
        result.Error.ShouldNotContain("Unhandled exception");
        result.Error.ShouldNotContain("   at ");
        result.Out.ShouldNotContain("fail:");
        result.Out.ShouldNotContain("   at ");
        File.Exists(temp["shop/.jamcart/store.db"]).ShouldBeFalse("refused before the build syncs the catalog");
    }

    [Fact]
    public async Task serve_on_port_0_says_the_port_it_got_and_answers_there()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, cancel);
        using var server = ServerProcess.Start(Settings(sandbox), "serve", temp["shop"], "--port", "0");
        await server.WaitForOutputAsync("Serving", "the shop to start");

        var serving = server.Output.Single(line => line.StartsWith("Serving ", StringComparison.Ordinal));
        var url = System.Text.RegularExpressions.Regex.Match(serving, @"http://127\.0\.0\.1:(?<port>\d+)/");
        url.Success.ShouldBeTrue(serving);
        int.Parse(url.Groups["port"].Value, CultureInfo.InvariantCulture).ShouldBeGreaterThan(0, serving);
        using var http = new HttpClient { BaseAddress = new Uri(url.Value), Timeout = TimeSpan.FromSeconds(20) };
        (await http.GetStringAsync("api/health", cancel)).ShouldBe("""{"status":"ok"}""");

        (await server.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task serve_builds_the_sample_and_answers_the_site_and_the_functions_on_one_origin()
    {
        var cancel = TestContext.Current.CancellationToken;
        using var temp = new TempFolder();
        CopyDirectory(Path.Combine(CliProcess.RepositoryRoot, "samples", "tea-shop"), temp["shop"]);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, cancel);
        var port = LoopbackPort.Free();
        using var server = ServerProcess.Start(
            Settings(sandbox),
            "serve", temp["shop"], "--port", port.ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };
        await server.WaitForOutputAsync("Serving", "the shop to start");

        var home = await http.GetAsync("", cancel);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        home.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        (await http.GetAsync("no/such/page", cancel)).Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var unknownApi = await http.GetAsync("api/no-such-route", cancel);
        unknownApi.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        unknownApi.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
        (await http.GetStringAsync("api/health", cancel)).ShouldBe("""{"status":"ok"}""");
        server.StartEnvironment().ShouldContain("DOTNET_TieredPGO=1", "a shop's server runs with dynamic PGO, which builds keep off");
        server.StartEnvironment().ShouldNotContain(entry => entry.StartsWith("DOTNET_GCgen0size=", StringComparison.Ordinal), "only the sandbox keeps its whole run in memory");

        var stock = await http.GetFromJsonAsync<JsonObject>("api/stock?sku=TEA-GRN-001&sku=TEA-BLK-002", cancel);
        stock!["stock"]!["TEA-GRN-001"]!.GetValue<long>().ShouldBe(40, "the build seeded the database from the front matter");
        stock["stock"]!["TEA-BLK-002"]!.GetValue<long>().ShouldBe(0);

        using var body = new StringContent(
            """{"items":[{"sku":"TEA-GRN-001","quantity":2}],"email":"buyer@example.com","shipping":{"name":"Kim Minji","line1":"12 Sejong-daero","city":"Seoul","postalCode":"04524","country":"KR"}}""",
            Encoding.UTF8, "application/json");
        var checkout = await http.PostAsync("api/checkout", body, cancel);
        checkout.StatusCode.ShouldBe(HttpStatusCode.Created, await checkout.Content.ReadAsStringAsync(cancel));
        var order = (await checkout.Content.ReadFromJsonAsync<JsonObject>(cancel))!;
        order["total"]!.GetValue<long>().ShouldBe(76_000, "two ₩38,000 teas reach the free-shipping threshold");
        order["payment"]!["provider"]!.GetValue<string>().ShouldBe("sandbox");
        File.Exists(temp["shop/.jamcart/store.db"]).ShouldBeTrue("serve keeps its SQLite database in the store's .jamcart folder");

        (await server.StopAsync()).ShouldBe(0);

        // Written by the time the process has ended, one line per entry, and without the buyer's e-mail address.
        var orderId = order["orderId"]!.GetValue<string>();
        server.Output.ShouldContain(line => line.StartsWith(
            $"info: Jamcart.Checkout.UseCases.PlaceOrder[100] Order {orderId} placed: 1 lines, total 76000 minor units, payment pi_", StringComparison.Ordinal));
        server.Output.ShouldContain("info: Microsoft.Hosting.Lifetime[0] Application is shutting down...");
        server.Output.ShouldNotContain(line => line.Contains("buyer@example.com", StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task serve_without_an_admin_key_refuses_to_start_and_says_which_setting()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["JAMCART_ADMIN_KEY"] = null, ["JAMCART_DATABASE"] = null },
            "serve", temp["shop"], "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(3, "a setting, not the command line, is wrong");
        result.Error.ShouldContain("AdminKey");
        File.Exists(temp["shop/.jamcart/store.db"]).ShouldBeFalse("refused before the build syncs prices and stock into the database");
        Directory.Exists(temp["shop/public"]).ShouldBeFalse("a refused start leaves no empty site folder behind");
        result.Error.ShouldNotContain("   at ");
        // Said once, as above: not logged again by the host with its stack.
        result.Out.ShouldNotContain("Hosting failed");
        result.Out.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task serve_that_cannot_reach_the_database_names_the_setting_that_chose_it()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        await using var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, TestContext.Current.CancellationToken);
        var settings = Settings(sandbox);
        // A port nothing listens on: the server refuses at once.
        settings["JAMCART_DATABASE"] = $"postgres://shop:secret@127.0.0.1:{LoopbackPort.Free().ToString(CultureInfo.InvariantCulture)}/shop";

        var result = await CliProcess.RunAsync(settings, "serve", temp["shop"], "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(1, result.Out + result.Error);
        result.Error.ShouldContain("cannot sync the catalog to the store database (JAMCART_DATABASE)");
        result.Error.ShouldNotContain("--database");
        result.Error.ShouldNotContain("secret");
    }

    [Fact]
    public async Task serve_with_a_setting_that_is_not_of_its_type_names_it_in_one_line()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);

        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["Jamcart__RateLimit__PermitsPerMinute"] = "abc" },
            "serve", temp["shop"], "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Error.ShouldContain("'abc' at 'Jamcart:RateLimit:PermitsPerMinute'");
        result.Error.ShouldNotContain("Unhandled exception");
        result.Error.ShouldNotContain("   at ");
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (relative.StartsWith("public", StringComparison.Ordinal) || relative.StartsWith(".jamcart", StringComparison.Ordinal))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }
}
