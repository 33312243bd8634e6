using System.Reflection;

using Jamcart.Checkout.Storage;
using Jamcart.Testing;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The real store, where something else happens once (<c>happens</c>: a webhook, another request taking stock) just
/// before a use case's first call of one of its methods: the race between what the use case read or asked the provider
/// and what it writes. Every call goes through to the store unchanged.
/// </summary>
public class HappensFirst : StoreProxy
{
    private static readonly MethodInfo ThenForwardMethod =
        typeof(HappensFirst).GetMethod(nameof(ThenForwardAsync), BindingFlags.NonPublic | BindingFlags.Instance)!;

    private string _method = "";
    private Func<Task>? _happens;

    /// <param name="method">The store's method (<c>nameof(ICheckoutStore.BeginAsync)</c>) whose first call waits for <paramref name="happens"/>.</param>
    public static ICheckoutStore Around(ICheckoutStore inner, string method, Func<Task> happens)
    {
        var (store, proxy) = Around<HappensFirst>(inner);
        (proxy._method, proxy._happens) = (method, happens);
        return store;
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        if (targetMethod.Name != _method || Interlocked.Exchange(ref _happens, null) is not { } happens)
        {
            return Forward(targetMethod, args);
        }

        // Every method of the store returns a Task of something: the same Task<T>, once it has happened.
        var result = targetMethod.ReturnType.GetGenericArguments().Single();
        return ThenForwardMethod.MakeGenericMethod(result).Invoke(this, [happens, targetMethod, args]);
    }

    private async Task<T> ThenForwardAsync<T>(Func<Task> happens, MethodInfo targetMethod, object?[]? args)
    {
        await happens();
        return await (Task<T>)Forward(targetMethod, args)!;
    }
}
