using System.Globalization;

namespace Jamcart.Bench.Rebuild;

/// <summary>Nearest-rank percentiles of durations, in milliseconds.</summary>
internal static class Percentiles
{
    public static string Describe(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Select(v => v.TotalMilliseconds).Order().ToArray();
        if (sorted.Length == 0)
        {
            return "none";
        }

        double At(double percentile) => sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * sorted.Length) - 1, 0, sorted.Length - 1)];
        return string.Create(CultureInfo.InvariantCulture, $"median {At(50):F1} ms, p99 {At(99):F1} ms, min {sorted[0]:F1} ms, max {sorted[^1]:F1} ms (n={sorted.Length})");
    }
}
