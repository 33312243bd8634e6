using System.Reflection;
using System.Runtime.ExceptionServices;

using Jamcart.Checkout.Storage;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The real store, where another request takes stock (<c>takeStock</c>) after a checkout has read it and before the
/// checkout's first write: the race a sale's buyers run. Every call goes through to the store unchanged.
/// </summary>
public class StockTakenBeforePlacing : DispatchProxy
{
    private ICheckoutStore _inner = null!;
    private Func<Task> _takeStock = null!;

    public static ICheckoutStore Around(ICheckoutStore inner, Func<Task> takeStock)
    {
        var store = Create<ICheckoutStore, StockTakenBeforePlacing>();
        var proxy = (StockTakenBeforePlacing)(object)store;
        (proxy._inner, proxy._takeStock) = (inner, takeStock);
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name == nameof(ICheckoutStore.TryPlaceOrderAsync) ? TakeThenPlaceAsync(targetMethod, args) : Call(targetMethod, args);
    }

    private async Task<bool> TakeThenPlaceAsync(MethodInfo targetMethod, object?[]? args)
    {
        await _takeStock();
        return await (Task<bool>)Call(targetMethod, args)!;
    }

    private object? Call(MethodInfo targetMethod, object?[]? args)
    {
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(thrown.InnerException);
            throw;
        }
    }
}
