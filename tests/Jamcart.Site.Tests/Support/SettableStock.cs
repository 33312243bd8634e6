using Jamcart.Core;

namespace Jamcart.Site.Tests;

/// <summary>A stock source a test sets by hand, counting how often it is read.</summary>
internal sealed class SettableStock : IStockSource
{
    private readonly Dictionary<string, long> _available = new(StringComparer.Ordinal);

    public int Reads { get; private set; }

    public long this[string sku]
    {
        set => _available[sku] = value;
    }

    public ValueTask<IReadOnlyDictionary<string, long>> GetAvailableAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        Reads++;
        return ValueTask.FromResult<IReadOnlyDictionary<string, long>>(
            skus.Where(_available.ContainsKey).ToDictionary(sku => sku, sku => _available[sku], StringComparer.Ordinal));
    }
}
