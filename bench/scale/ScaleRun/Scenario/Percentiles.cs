using System.Globalization;

namespace Jamcart.Bench.Scale;

/// <summary>Nearest-rank percentiles of a set of durations, in milliseconds.</summary>
internal sealed class Percentiles(IEnumerable<TimeSpan> values)
{
    private readonly double[] _sorted = [.. values.Select(v => v.TotalMilliseconds).Order()];

    public int Count => _sorted.Length;

    public double At(double percentile) => _sorted.Length == 0
        ? double.NaN
        : _sorted[Math.Clamp((int)Math.Ceiling(percentile / 100 * _sorted.Length) - 1, 0, _sorted.Length - 1)];

    public string Describe() => string.Create(CultureInfo.InvariantCulture, $"p50 {At(50):F1} ms, p99 {At(99):F1} ms");
}
