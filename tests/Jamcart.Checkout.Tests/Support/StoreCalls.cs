using System.Collections.Concurrent;
using System.Reflection;

using Jamcart.Checkout.Storage;
using Jamcart.Testing;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The real store, with a count of the calls made to each of its methods: for rules about which reads a use case may
/// make, such as a search it must not start. Every call goes through to the store unchanged.
/// </summary>
public class StoreCalls : StoreProxy
{
    public ConcurrentDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal);

    public static (ICheckoutStore Store, StoreCalls Calls) Around(ICheckoutStore inner) => Around<StoreCalls>(inner);

    public int Of(string method) => Counts.GetValueOrDefault(method);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        Counts.AddOrUpdate(targetMethod.Name, 1, (_, count) => count + 1);
        return Forward(targetMethod, args);
    }
}
