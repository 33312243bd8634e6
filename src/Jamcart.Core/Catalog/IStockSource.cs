namespace Jamcart.Core;

/// <summary>
/// Where a build reads how many units of each SKU are available now. Without a database this is
/// the front matter's initial stock; with one, the store database owns stock.
/// </summary>
public interface IStockSource
{
    /// <summary>Available units per SKU (on hand minus active reservations); SKUs it does not know are left out.</summary>
    ValueTask<IReadOnlyDictionary<string, long>> GetAvailableAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken);
}
