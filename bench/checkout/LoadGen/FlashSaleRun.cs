using System.Globalization;
using System.Text.Json;

namespace Jamcart.Bench.LoadGen;

/// <summary>Every buyer asks for the same SKU at the same moment; a correct shop sells exactly its stock and says 409 to the rest.</summary>
internal static class FlashSaleRun
{
    public static async Task<int> RunAsync(Uri url, string sku, int buyers, int connections, string? jsonPath, CancellationToken cancellationToken)
    {
        using var client = new CheckoutClient(url, connections);
        var samples = await AtOnce.RunAsync(buyers, () => client.CheckoutAsync(sku, cancellationToken), cancellationToken);

        var sold = samples.Count(s => s.Status == 201);
        var refused = samples.Count(s => s.Status == 409);
        var other = samples.Length - sold - refused;
        var all = new Percentiles(samples.Select(s => s.Elapsed));
        var refusals = new Percentiles(samples.Where(s => s.Status == 409).Select(s => s.Elapsed));

        Console.WriteLine($"buyers      {buyers} for {sku}");
        Console.WriteLine($"orders      {sold}");
        Console.WriteLine($"409s        {refused}");
        Console.WriteLine($"other       {other}");
        Console.WriteLine($"latency     {all.Describe()}");
        Console.WriteLine($"409 latency {refusals.Describe()}");

        if (jsonPath is not null)
        {
            var figures = new Dictionary<string, object>
            {
                ["buyers"] = buyers,
                ["orders"] = sold,
                ["conflicts"] = refused,
                ["other"] = other,
                ["p50"] = all.At(50),
                ["p99"] = all.At(99),
                ["conflictP99"] = refusals.At(99),
            };
            await File.WriteAllTextAsync(jsonPath, JsonSerializer.Serialize(figures), cancellationToken);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"result      {(other == 0 ? "clean" : "NOT clean")}"));
        return other == 0 ? 0 : 1;
    }
}
