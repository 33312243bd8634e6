using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;

using Jamcart.Testing;

namespace Jamcart.EndToEnd.Tests.Hosting;

/// <summary>
/// A copy of the sample tea shop served by the built <c>jamcart dev</c> executable, started as a process as a user
/// starts it: the watched build, the site and the checkout functions on one origin, the sandbox on its own port.
/// </summary>
internal sealed class DevShop : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly HttpClient _http;

    private DevShop(string storeRoot, int port, int sandboxPort, Process process)
    {
        StoreRoot = storeRoot;
        Url = new Uri($"http://127.0.0.1:{port}/");
        SandboxUrl = new Uri($"http://127.0.0.1:{sandboxPort}/");
        _process = process;
        _http = new HttpClient { BaseAddress = Url, Timeout = TimeSpan.FromSeconds(20) };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _output.Enqueue(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string StoreRoot { get; }

    /// <summary>The shop's origin: pages and <c>/api</c>.</summary>
    public Uri Url { get; }

    /// <summary>The sandbox payment provider's origin: its card field and 3-D Secure pages.</summary>
    public Uri SandboxUrl { get; }

    public string AdminKey { get; private set; } = "";

    public string SandboxSecretKey { get; private set; } = "";

    public string Output => string.Join("\n", _output);

    /// <summary>Copies the sample store into <paramref name="workFolder"/> (without its build output) and serves it.</summary>
    public static async Task<DevShop> StartAsync(string workFolder, CancellationToken cancellationToken)
    {
        var storeRoot = Path.Combine(workFolder, "tea-shop");
        CopyStore(RepositoryFiles.TeaShop, storeRoot);
        var port = LoopbackPort.Free();
        var sandboxPort = LoopbackPort.Free();
        var info = new ProcessStartInfo(Path.Combine(AppContext.BaseDirectory, "jamcart"))
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "dev", storeRoot, "--port", port.ToString(CultureInfo.InvariantCulture), "--sandbox-port", sandboxPort.ToString(CultureInfo.InvariantCulture) })
        {
            info.ArgumentList.Add(argument);
        }

        // The development database in the store's .jamcart/ folder, whatever this machine's environment says.
        info.Environment["JAMCART_DATABASE"] = null;
        var shop = new DevShop(storeRoot, port, sandboxPort, Process.Start(info)!);
        try
        {
            // The test cards end the banner: by then the site is built and both servers listen.
            await shop.WaitUntilAsync(() => Task.FromResult(shop._output.Any(line => line.Contains("4242 4242 4242 4242", StringComparison.Ordinal))), "the shop to start", cancellationToken);
            using var keys = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(storeRoot, ".jamcart", "dev-keys.json"), cancellationToken));
            shop.AdminKey = keys.RootElement.GetProperty("adminKey").GetString()!;
            shop.SandboxSecretKey = keys.RootElement.GetProperty("secretKey").GetString()!;
            return shop;
        }
        catch
        {
            await shop.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sets a SKU's stock on hand through the admin API, as a shop owner would.</summary>
    public async Task<JsonNode> SetStockAsync(string sku, int onHand, CancellationToken cancellationToken)
    {
        using var request = Admin(HttpMethod.Put, $"api/admin/stock/{Uri.EscapeDataString(sku)}");
        request.Content = JsonContent.Create(new { onHand });
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>Every order, newest first, as the admin API shows them (full e-mail and address).</summary>
    public async Task<IReadOnlyList<JsonNode>> OrdersAsync(CancellationToken cancellationToken)
    {
        using var request = Admin(HttpMethod.Get, "api/admin/orders?limit=100");
        var page = await SendAsync(request, cancellationToken);
        return page["items"]!.AsArray().Select(item => item!).ToList();
    }

    /// <summary>The orders placed with one e-mail address, newest first: each test buys under its own address.</summary>
    public async Task<IReadOnlyList<JsonNode>> OrdersOfAsync(string email, CancellationToken cancellationToken) =>
        (await OrdersAsync(cancellationToken)).Where(order => order["email"]?.GetValue<string>() == email).ToList();

    /// <summary>The admin view of one order: status, totals, full e-mail and address.</summary>
    public async Task<JsonNode> OrderAsync(string orderId, CancellationToken cancellationToken)
    {
        using var request = Admin(HttpMethod.Get, $"api/admin/orders/{Uri.EscapeDataString(orderId)}");
        return await SendAsync(request, cancellationToken);
    }

    /// <summary>
    /// The amounts the sandbox charged for one order, one entry per succeeded charge: read from the provider's own
    /// events, since what counts is what the card was charged, not what the shop recorded.
    /// </summary>
    public async Task<IReadOnlyList<long>> ChargesAsync(string orderId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(SandboxUrl, "v1/events?type=charge.succeeded&limit=100"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", SandboxSecretKey);
        var events = await SendAsync(request, cancellationToken);
        return events["data"]!.AsArray()
            .Select(item => item!["data"]!["object"]!)
            .Where(charge => charge["metadata"]?["order_id"]?.GetValue<string>() == orderId)
            .Select(charge => charge["amount"]!.GetValue<long>())
            .ToList();
    }

    /// <summary>Available stock of one SKU now, from the public stock endpoint.</summary>
    public async Task<int> AvailableAsync(string sku, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/stock?sku={Uri.EscapeDataString(sku)}");
        return (await SendAsync(request, cancellationToken))["stock"]![sku]!.GetValue<int>();
    }

    public async Task WaitUntilAsync(Func<Task<bool>> condition, string what, CancellationToken cancellationToken)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"jamcart dev exited with {_process.ExitCode} before {what}; output:\n{Output}");
            }

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

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"timed out waiting for {what}; jamcart dev output:\n{Output}");
    }

    public async ValueTask DisposeAsync()
    {
        _http.Dispose();
        if (!_process.HasExited)
        {
            // Ctrl-C first, so the dev server closes its database cleanly; then no more waiting.
            using (var kill = Process.Start("kill", ["-INT", _process.Id.ToString(CultureInfo.InvariantCulture)])!)
            {
                await kill.WaitForExitAsync();
            }

            using var exit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(exit.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private HttpRequestMessage Admin(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AdminKey);
        return request;
    }

    private async Task<JsonNode> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await _http.SendAsync(request, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        response.IsSuccessStatusCode.ShouldBeTrue($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {text}");
        return JsonNode.Parse(text)!;
    }

    private static void CopyStore(string from, string to)
    {
        // The sample's own build output and local database are left behind: each test class builds its own shop.
        string[] skipped = ["public", ".public.jamcart", ".jamcart"];
        foreach (var file in Directory.EnumerateFiles(from, "*", SearchOption.AllDirectories))
        {
            var relative = Path.GetRelativePath(from, file);
            if (skipped.Contains(relative.Split(Path.DirectorySeparatorChar)[0]))
            {
                continue;
            }

            var target = Path.Combine(to, relative);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

}
