using Jamcart.Core;
using Jamcart.Storage.Sql;
using Jamcart.Storage.Store;

namespace Jamcart.Storage.Stock;

/// <summary>
/// <see cref="IStockSource"/> for <c>jamcart build</c>: what the database says is available now (on hand minus
/// reservations still running), so pages render real availability once the database owns stock.
/// </summary>
internal sealed class SqlStockSource(Dialect dialect, TimeProvider time) : IStockSource
{
    public async ValueTask<IReadOnlyDictionary<string, long>> GetAvailableAsync(IReadOnlyCollection<string> skus, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(skus);
        await using var session = await dialect.OpenAsync(cancellationToken);
        var levels = await InventoryStatements.GetRunningAsync(session, skus, time.GetUtcNow(), InventoryStatements.Scope.All, cancellationToken);
        return levels.ToDictionary(pair => pair.Key, pair => pair.Value.Available, StringComparer.Ordinal);
    }
}
