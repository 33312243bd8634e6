using System.Collections.Concurrent;
using System.Reflection;

using Jamcart.Checkout.Storage;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The real store, with a count of the calls made to each of its methods: for rules about which reads a use case may
/// make, such as a search it must not start. Every call goes through to the store unchanged.
/// </summary>
public class StoreCalls : DispatchProxy
{
    private ICheckoutStore _inner = null!;

    public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public static (ICheckoutStore Store, StoreCalls Calls) Around(ICheckoutStore inner)
    {
        var store = Create<ICheckoutStore, StoreCalls>();
        var calls = (StoreCalls)(object)store;
        calls._inner = inner;
        return (store, calls);
    }

    public int Of(string method) => Counts.GetValueOrDefault(method);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Counts.AddOrUpdate(targetMethod.Name, 1, (_, count) => count + 1);
        try
        {
            return targetMethod.Invoke(_inner, args);
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is not null)
        {
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Throw(thrown.InnerException);
            throw;
        }
    }
}
