using System.Diagnostics;
using System.Net;
using System.Text;

namespace Jamcart.Bench.LoadGen;

/// <summary>Posts checkouts the way the shop's JavaScript does, and times each one.</summary>
internal sealed class CheckoutClient(Uri baseUrl, int connections) : IDisposable
{
    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        BaseAddress = baseUrl,
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<Sample> CheckoutAsync(string sku, CancellationToken cancellationToken)
    {
        var body = $$$"""
            {"items":[{"sku":"{{{sku}}}","quantity":1}],"email":"load@example.com",
             "shipping":{"name":"Kim Minji","line1":"12 Sejong-daero","city":"Seoul","postalCode":"04524","country":"KR"}}
            """;
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/checkout")
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));

        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            var elapsed = Stopwatch.GetElapsedTime(started);
            return new Sample((int)response.StatusCode, elapsed);
        }
        catch (HttpRequestException)
        {
            return new Sample(0, Stopwatch.GetElapsedTime(started));
        }
    }

    /// <summary>A GET of a path whose answer costs the server next to nothing: what any answer costs, at the least.</summary>
    public async Task<Sample> GetAsync(string path, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.GetAsync(path, cancellationToken);
            await response.Content.LoadIntoBufferAsync(cancellationToken);
            return new Sample((int)response.StatusCode, Stopwatch.GetElapsedTime(started));
        }
        catch (HttpRequestException)
        {
            return new Sample(0, Stopwatch.GetElapsedTime(started));
        }
    }

    public void Dispose() => _http.Dispose();
}

/// <summary>One request: its status (0 when the connection failed) and how long it took.</summary>
internal readonly record struct Sample(int Status, TimeSpan Elapsed);
