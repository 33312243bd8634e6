using System.Globalization;

namespace Jamcart.Bench.LoadGen;

/// <summary>Nearest-rank percentiles of a set of durations, in milliseconds.</summary>
internal sealed class Percentiles
{
    private readonly double[] _sorted;

    public Percentiles(IEnumerable<TimeSpan> values)
    {
        _sorted = values.Select(v => v.TotalMilliseconds).Order().ToArray();
    }

    public int Count => _sorted.Length;

    public double At(double percentile)
    {
        if (_sorted.Length == 0)
        {
            return double.NaN;
        }

        var rank = (int)Math.Ceiling(percentile / 100 * _sorted.Length);
        return _sorted[Math.Clamp(rank - 1, 0, _sorted.Length - 1)];
    }

    public string Describe() => string.Create(CultureInfo.InvariantCulture,
        $"p50 {At(50):F2} ms, p90 {At(90):F2} ms, p99 {At(99):F2} ms, max {At(100):F2} ms");
}
