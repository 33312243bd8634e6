using System.Globalization;
using System.Net;

using Jamcart.Testing;

using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed class DevCommandTests
{
    [Fact]
    public async Task dev_with_a_wrong_setting_refuses_to_start_and_says_which_once()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);

        // Shorter than the default two minutes' grace for creating a payment, which must stay shorter.
        var result = await CliProcess.RunAsync(
            new Dictionary<string, string?> { ["Jamcart__Checkout__ReservationTime"] = "00:01:00" },
            "dev", temp["shop"], "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            "--sandbox-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(3, result.Out + result.Error);
        result.Error.ShouldContain("jamcart: Jamcart:Checkout: PaymentCreationGrace");
        result.Error.ShouldNotContain("Unhandled exception");
        result.Error.ShouldNotContain("   at ");
        result.Out.ShouldNotContain("Hosting failed");
        result.Out.ShouldNotContain("   at ");
    }

    [Fact]
    public async Task dev_with_a_damaged_database_refuses_to_start_in_a_line_and_leaves_the_file_alone()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        Directory.CreateDirectory(temp["shop/.jamcart"]);
        var damaged = Enumerable.Range(0, 8192).Select(i => (byte)(i * 7)).ToArray();
        await File.WriteAllBytesAsync(temp["shop/.jamcart/store.db"], damaged, TestContext.Current.CancellationToken);

        var result = await CliProcess.RunAsync(
            "dev", temp["shop"], "--port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture),
            "--sandbox-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));

        result.ExitCode.ShouldBe(1, result.Out + result.Error);
        result.Error.ShouldContain("jamcart: cannot open the store database: SQLite Error 26");
        result.Error.ShouldContain(Path.Combine(".jamcart", "store.db"));
        result.Error.ShouldNotContain("   at ");
        result.Out.ShouldNotContain("Hosting failed");
        result.Out.ShouldNotContain("   at ");
        (await File.ReadAllBytesAsync(temp["shop/.jamcart/store.db"], TestContext.Current.CancellationToken)).ShouldBe(damaged);
    }

    [Fact]
    public async Task dev_serves_the_store_rebuilds_on_change_and_stops_on_ctrl_c()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        var port = LoopbackPort.Free();
        using var server = ServerProcess.Start(new Dictionary<string, string?>(), "dev", temp["shop"],
            "--port", port.ToString(CultureInfo.InvariantCulture), "--sandbox-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        await server.WaitForOutputAsync("Serving", "the server to start");

        var cancel = TestContext.Current.CancellationToken;
        var home = await http.GetAsync("", cancel);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        home.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        (await home.Content.ReadAsStringAsync(cancel)).ShouldContain("/_jamcart/live.js");
        var script = await http.GetAsync("_jamcart/live.js", cancel);
        script.StatusCode.ShouldBe(HttpStatusCode.OK);
        script.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("text/javascript");
        (await script.Content.ReadAsStringAsync(cancel)).ShouldContain("new EventSource(\"/_jamcart/events\")");
        using var events = new HttpClient { BaseAddress = http.BaseAddress, Timeout = Timeout.InfiniteTimeSpan };
        using var stream = await events.GetAsync("_jamcart/events", HttpCompletionOption.ResponseHeadersRead, cancel);
        stream.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("text/event-stream");
        using var reloads = new StreamReader(await stream.Content.ReadAsStreamAsync(cancel));
        (await http.GetAsync("no/such/page", cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("products/first-product", cancel)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var reference = await http.GetAsync("api/reference/", cancel);
        reference.StatusCode.ShouldBe(HttpStatusCode.OK);
        reference.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("text/html");
        await server.WaitForOutputAsync("api/reference/", "the banner to show the API reference");

        var path = temp["shop/products/first-product.md"];
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: First product", "title: Renamed product", StringComparison.Ordinal));
        await server.WaitUntilAsync(async () => (await http.GetStringAsync("products/first-product/", cancel)).Contains("Renamed product", StringComparison.Ordinal), "the rebuild");
        // The open page hears of it: an edit reloads every page.
        using (var wait = CancellationTokenSource.CreateLinkedTokenSource(cancel))
        {
            wait.CancelAfter(TimeSpan.FromSeconds(30));
            string? line;
            while ((line = await reloads.ReadLineAsync(wait.Token)) is not null && line != "event: reload")
            {
            }

            line.ShouldBe("event: reload");
            (await reloads.ReadLineAsync(wait.Token)).ShouldBe("data: \"*\"");
        }

        (await server.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task dev_keeps_its_own_database_and_admin_key_whatever_the_shell_exports()
    {
        // The README's PostgreSQL section has the shell export JAMCART_DATABASE; dev run from that shell must neither
        // open that database (its build would sync the catalog into it) nor take that admin key.
        var cancel = TestContext.Current.CancellationToken;
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        var port = LoopbackPort.Free();
        const string ShellAdminKey = "shell-admin-key-0123456789abcdef0123456789";
        using var server = ServerProcess.Start(
            new Dictionary<string, string?>
            {
                ["JAMCART_DATABASE"] = $"postgres://nobody@127.0.0.1:{LoopbackPort.Free()}/nothing",
                ["JAMCART_ADMIN_KEY"] = ShellAdminKey,
            },
            "dev", temp["shop"], "--port", port.ToString(CultureInfo.InvariantCulture), "--sandbox-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };

        await server.WaitUntilAsync(async () => (await http.GetAsync("api/health", cancel)).IsSuccessStatusCode, "the API to answer");
        await server.WaitForOutputAsync("(not $JAMCART_DATABASE: dev keeps its own)", "the banner to say which database");
        using var orders = new HttpRequestMessage(HttpMethod.Get, "api/admin/orders") { Headers = { { "Authorization", "Bearer " + ShellAdminKey } } };

        (await http.SendAsync(orders, cancel)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        File.Exists(temp["shop/.jamcart/store.db"]).ShouldBeTrue();
        (await server.StopAsync()).ShouldBe(0);
    }

    [Fact]
    public async Task dev_answers_a_page_asked_for_while_its_first_build_runs_with_the_built_page()
    {
        // The first build runs while the servers start: the API may answer first, and a page asked for then waits for
        // the build rather than answer 404 (nothing built yet in a new store) or an older build.
        var cancel = TestContext.Current.CancellationToken;
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        var port = LoopbackPort.Free();
        using var server = ServerProcess.Start(new Dictionary<string, string?> { ["JAMCART_DATABASE"] = null }, "dev", temp["shop"],
            "--port", port.ToString(CultureInfo.InvariantCulture), "--sandbox-port", LoopbackPort.Free().ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(20) };

        await server.WaitUntilAsync(async () => (await http.GetAsync("api/health", cancel)).IsSuccessStatusCode, "the API to answer");
        var home = await http.GetAsync("", cancel);

        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await home.Content.ReadAsStringAsync(cancel)).ShouldContain("/_jamcart/live.js");
        File.Exists(temp["shop/public/index.html"]).ShouldBeTrue();
        (await server.StopAsync()).ShouldBe(0);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task dev_runs_the_checkout_api_and_the_sandbox_whose_webhooks_pay_the_order(bool onPort0)
    {
        var cancel = TestContext.Current.CancellationToken;
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"], "--currency", "KRW", "--locale", "ko")).ExitCode.ShouldBe(0);
        var port = onPort0 ? 0 : LoopbackPort.Free();
        var sandboxPort = onPort0 ? 0 : LoopbackPort.Free();
        using var server = ServerProcess.Start(new Dictionary<string, string?> { ["JAMCART_DATABASE"] = null }, "dev", temp["shop"],
            "--port", port.ToString(CultureInfo.InvariantCulture), "--sandbox-port", sandboxPort.ToString(CultureInfo.InvariantCulture));
        // The test cards end the banner.
        await server.WaitForOutputAsync("4242 4242 4242 4242", "the shop to start");
        // Where the shop and the sandbox listen, as the banner says: on port 0, the ports they got.
        var shop = new Uri(Row(server.Output, "shop"));
        var sandbox = new Uri(Row(server.Output, "sandbox payments"));
        shop.Port.ShouldNotBe(0);
        sandbox.Port.ShouldNotBe(0);
        if (!onPort0)
        {
            shop.Port.ShouldBe(port);
            sandbox.Port.ShouldBe(sandboxPort);
        }

        Row(server.Output, "sandbox webhooks").ShouldBe(new Uri(shop, "api/webhooks/stripe").ToString());
        using var http = new HttpClient { BaseAddress = shop, Timeout = TimeSpan.FromSeconds(20) };

        server.Output.ShouldContain(line => line.Contains("admin key", StringComparison.Ordinal) && line.Contains("dev_admin_", StringComparison.Ordinal));
        server.Output.ShouldContain(line => line.Contains("4242 4242 4242 4242", StringComparison.Ordinal));
        File.ReadAllText(temp["shop/.jamcart/.gitignore"]).ShouldContain("*");
        (await http.GetStringAsync("api/health", cancel)).ShouldBe("""{"status":"ok"}""");

        using var body = new StringContent(
            """{"items":[{"sku":"FIRST-001","quantity":1}],"email":"buyer@example.com","shipping":{"name":"Kim Minji","line1":"12 Sejong-daero","city":"Seoul","postalCode":"04524","country":"KR"}}""",
            System.Text.Encoding.UTF8, "application/json");
        var checkout = await http.PostAsync("api/checkout", body, cancel);
        var checkoutText = await checkout.Content.ReadAsStringAsync(cancel);
        checkout.StatusCode.ShouldBe(HttpStatusCode.Created, checkoutText);
        var order = System.Text.Json.Nodes.JsonNode.Parse(checkoutText)!;
        var orderId = order["orderId"]!.GetValue<string>();
        var token = order["orderToken"]!.GetValue<string>();
        var secret = order["payment"]!["clientSecret"]!.GetValue<string>();
        var publishable = order["payment"]!["publishableKey"]!.GetValue<string>();

        // The browser's part, straight to the sandbox: a card, then confirm. Nobody calls /confirm: the webhook must pay.
        using var browser = new HttpClient { BaseAddress = sandbox };
        var method = await PostFormAsync(browser, "v1/payment_methods", publishable,
            ("type", "card"), ("card[number]", "4242424242424242"), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123"));
        var paymentId = secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)];
        await PostFormAsync(browser, $"v1/payment_intents/{paymentId}/confirm", publishable,
            ("client_secret", secret), ("payment_method", method["id"]!.GetValue<string>()));

        await server.WaitUntilAsync(async () =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"api/orders/{orderId}");
            request.Headers.Add("X-Order-Token", token);
            using var response = await http.SendAsync(request, cancel);
            return (await response.Content.ReadAsStringAsync(cancel)).Contains("\"status\":\"paid\"", StringComparison.Ordinal);
        }, "the sandbox's webhook to pay the order");

        (await server.StopAsync()).ShouldBe(0);
    }

    /// <summary>The value the banner prints beside <paramref name="label"/>.</summary>
    private static string Row(IEnumerable<string> output, string label)
    {
        var row = new System.Text.RegularExpressions.Regex("^" + System.Text.RegularExpressions.Regex.Escape(label) + @"\s+(?<value>\S+)\s*$");
        var values = output.Select(line => row.Match(line)).Where(match => match.Success).Select(match => match.Groups["value"].Value).ToList();
        values.Count.ShouldBe(1, $"one '{label}' row in:\n{string.Join('\n', output)}");
        return values[0];
    }

    private static async Task<System.Text.Json.Nodes.JsonNode> PostFormAsync(HttpClient http, string path, string publishableKey, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
            .Prepend(new KeyValuePair<string, string>("key", publishableKey)));
        using var response = await http.PostAsync(path, content, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue(text);
        return System.Text.Json.Nodes.JsonNode.Parse(text)!;
    }
}
