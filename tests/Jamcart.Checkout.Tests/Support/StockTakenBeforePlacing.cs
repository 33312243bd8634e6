using System.Reflection;

using Jamcart.Checkout.Storage;
using Jamcart.Testing;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The real store, where another request takes stock (<c>takeStock</c>) after a checkout has read it and before the
/// checkout's first write: the race a sale's buyers run. Every call goes through to the store unchanged.
/// </summary>
public class StockTakenBeforePlacing : StoreProxy
{
    private Func<Task> _takeStock = null!;

    public static ICheckoutStore Around(ICheckoutStore inner, Func<Task> takeStock)
    {
        var (store, proxy) = Around<StockTakenBeforePlacing>(inner);
        proxy._takeStock = takeStock;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name == nameof(ICheckoutStore.TryPlaceOrderAsync) ? TakeThenPlaceAsync(targetMethod, args) : Forward(targetMethod, args);
    }

    private async Task<bool> TakeThenPlaceAsync(MethodInfo targetMethod, object?[]? args)
    {
        await _takeStock();
        return await (Task<bool>)Forward(targetMethod, args)!;
    }
}
