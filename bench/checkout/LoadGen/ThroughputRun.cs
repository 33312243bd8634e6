using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace Jamcart.Bench.LoadGen;

/// <summary>A closed loop of <c>connections</c> buyers, each starting a new checkout as soon as the last one answered.</summary>
internal static class ThroughputRun
{
    public static async Task<int> RunAsync(Uri url, string[] skus, int connections, TimeSpan warmup, TimeSpan duration, string? jsonPath, CancellationToken cancellationToken)
    {
        using var client = new CheckoutClient(url, connections);
        var samples = new ConcurrentBag<Sample>();
        var measuring = false;
        var stop = Stopwatch.GetTimestamp() + (long)((warmup + duration).TotalSeconds * Stopwatch.Frequency);
        var measureFrom = 0L;

        var workers = Enumerable.Range(0, connections).Select(async worker =>
        {
            var random = new Random(worker);
            while (Stopwatch.GetTimestamp() < stop && !cancellationToken.IsCancellationRequested)
            {
                var sample = await client.CheckoutAsync(skus[random.Next(skus.Length)], cancellationToken);
                if (Volatile.Read(ref measuring))
                {
                    samples.Add(sample);
                }
            }
        }).ToList();

        await Task.Delay(warmup, cancellationToken);
        measureFrom = Stopwatch.GetTimestamp();
        Volatile.Write(ref measuring, true);
        await Task.WhenAll(workers);
        var measured = Stopwatch.GetElapsedTime(measureFrom);

        var ok = samples.Where(s => s.Status == 201).ToList();
        var latency = new Percentiles(ok.Select(s => s.Elapsed));
        var app = new Percentiles(ok.Where(s => s.App is not null).Select(s => s.App!.Value));
        var rate = ok.Count / measured.TotalSeconds;
        var statuses = samples.GroupBy(s => s.Status).OrderBy(g => g.Key).ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count());

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"checkouts/s {rate:F0} over {measured.TotalSeconds:F1} s with {connections} connections"));
        Console.WriteLine($"latency     {latency.Describe()}");
        Console.WriteLine($"app share   {app.Describe()}");
        Console.WriteLine($"statuses    {string.Join(", ", statuses.Select(s => $"{s.Key}: {s.Value}"))}");

        if (jsonPath is not null)
        {
            var figures = new Dictionary<string, object>
            {
                ["checkoutsPerSecond"] = Math.Round(rate, 1),
                ["connections"] = connections,
                ["seconds"] = Math.Round(measured.TotalSeconds, 2),
                ["p50"] = latency.At(50), ["p90"] = latency.At(90), ["p99"] = latency.At(99), ["max"] = latency.At(100),
                ["appP50"] = app.At(50), ["appP99"] = app.At(99),
                ["statuses"] = statuses,
            };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(figures), cancellationToken);
        }

        // Anything but 201 under a load that never runs out of stock is a failure of the run.
        return ok.Count == samples.Count && ok.Count > 0 ? 0 : 1;
    }
}
