using System.Globalization;
using System.Text.Json;

namespace Jamcart.Bench.LoadGen;

/// <summary>
/// The flash sale's peer: as many requests at once over as many new connections, for `GET /api/health`, which
/// reads nothing and writes nothing. No checkout answered at once can beat this on the same machine, so its p99 is
/// the floor under the flash sale's.
/// </summary>
internal static class FloorRun
{
    public static async Task<int> RunAsync(Uri url, int buyers, int connections, string? jsonPath, CancellationToken cancellationToken)
    {
        using var client = new CheckoutClient(url, connections);
        var samples = await AtOnce.RunAsync(buyers, () => client.GetAsync("api/health", cancellationToken), cancellationToken);

        var ok = samples.Count(s => s.Status == 200);
        var all = new Percentiles(samples.Select(s => s.Elapsed));
        Console.WriteLine($"requests    {buyers} x GET /api/health");
        Console.WriteLine($"200s        {ok}");
        Console.WriteLine($"latency     {all.Describe()}");

        if (jsonPath is not null)
        {
            var figures = new Dictionary<string, object> { ["requests"] = buyers, ["ok"] = ok, ["p50"] = all.At(50), ["p99"] = all.At(99) };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(figures), cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result      {(ok == buyers ? "clean" : "NOT clean")}"));
        return ok == buyers ? 0 : 1;
    }
}
