using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

using Shouldly;

namespace Jamcart.Cli.Tests;

public sealed class DevCommandTests
{
    [Fact]
    public async Task dev_serves_the_store_rebuilds_on_change_and_stops_on_ctrl_c()
    {
        using var temp = new TempFolder();
        (await CliProcess.RunAsync("new", temp["shop"])).ExitCode.ShouldBe(0);
        var port = FreePort();
        using var process = Process.Start(CliProcess.StartInfo("dev", temp["shop"], "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture)))!;
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = new Uri($"http://127.0.0.1:{port}/"), Timeout = TimeSpan.FromSeconds(10) };
            await WaitUntilAsync(() => output.Any(l => l.Contains("Serving", StringComparison.Ordinal)), "the server to start", output);

            var cancel = TestContext.Current.CancellationToken;
            var home = await http.GetAsync("", cancel);
            home.StatusCode.ShouldBe(HttpStatusCode.OK);
            home.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("script-src 'self'");
            (await home.Content.ReadAsStringAsync(cancel)).ShouldContain("/_jamcart/live.js");
            (await http.GetAsync("no/such/page", cancel)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
            (await http.GetAsync("products/first-product", cancel)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

            var path = temp["shop/products/first-product.md"];
            File.WriteAllText(path, File.ReadAllText(path).Replace("title: First product", "title: Renamed product", StringComparison.Ordinal));
            await WaitUntilAsync(async () => (await http.GetStringAsync("products/first-product/", cancel)).Contains("Renamed product", StringComparison.Ordinal), "the rebuild", output);

            Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!.WaitForExit();
            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(15));
            await process.WaitForExitAsync(exit.Token);
            process.ExitCode.ShouldBe(0);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static Task WaitUntilAsync(Func<bool> condition, string what, IEnumerable<string> log) =>
        WaitUntilAsync(() => Task.FromResult(condition()), what, log);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what, IEnumerable<string> log)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (DateTime.UtcNow < deadline)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"timed out waiting for {what}; output:\n{string.Join("\n", log)}");
    }
}
