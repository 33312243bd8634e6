using System.Globalization;
using System.Net;

using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed class DevCommandTests
{
    [Fact]
    public async Task dev_serves_the_store_rebuilds_on_change_and_stops_on_ctrl_c()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        var port = ServerProcess.FreePort();
        using var server = ServerProcess.Start(new Dictionary<string, string?>(), "dev", temp["shop"], "--port", port.ToString(CultureInfo.InvariantCulture));
        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
        await server.WaitForOutputAsync("Serving", "the server to start");

        var cancel = TestContext.Current.CancellationToken;
        var home = await http.GetAsync("", cancel);
        home.StatusCode.ShouldBe(HttpStatusCode.OK);
        home.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
        (await home.Content.ReadAsStringAsync(cancel)).ShouldContain("/_jamcart/live.js");
        (await http.GetAsync("no/such/page", cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await http.GetAsync("products/first-product", cancel)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var path = temp["shop/products/first-product.md"];
        File.WriteAllText(path, File.ReadAllText(path).Replace("title: First product", "title: Renamed product", StringComparison.Ordinal));
        await server.WaitUntilAsync(async () => (await http.GetStringAsync("products/first-product/", cancel)).Contains("Renamed product", StringComparison.Ordinal), "the rebuild");

        (await server.StopAsync()).ShouldBe(0);
    }
}
