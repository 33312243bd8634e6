using System.Reflection;

using Jamcart.Checkout.Storage;
using Jamcart.Testing;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The real store, where something else happens (<c>arrives</c>: a webhook, another request) once, just before a use
/// case begins its first transaction: after what it asked the provider, before it writes. Every call goes through to
/// the store unchanged.
/// </summary>
public class ArrivesBeforeTransaction : StoreProxy
{
    private Func<Task>? _arrives;

    public static ICheckoutStore Around(ICheckoutStore inner, Func<Task> arrives)
    {
        var (store, proxy) = Around<ArrivesBeforeTransaction>(inner);
        proxy._arrives = arrives;
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name == nameof(ICheckoutStore.BeginAsync) ? ArriveThenBeginAsync(targetMethod, args) : Forward(targetMethod, args);
    }

    private async Task<ICheckoutTransaction> ArriveThenBeginAsync(MethodInfo targetMethod, object?[]? args)
    {
        if (Interlocked.Exchange(ref _arrives, null) is { } arrives)
        {
            await arrives();
        }

        return await (Task<ICheckoutTransaction>)Forward(targetMethod, args)!;
    }
}
