using System.Reflection;
using System.Runtime.ExceptionServices;

using Jamcart.Checkout.Storage;

namespace Jamcart.Testing;

/// <summary>
/// A stand-in for a real <see cref="ICheckoutStore"/> that passes every call through to it, for tests that watch or
/// put something between a use case's calls. Made with <see cref="Around{TProxy}"/>.
/// </summary>
public abstract class StoreProxy : DispatchProxy
{
    /// <summary>The real store.</summary>
    protected ICheckoutStore Inner { get; private set; } = null!;

    /// <summary>A <typeparamref name="TProxy"/> around <paramref name="inner"/>: the store to hand out, and the proxy itself.</summary>
    protected static (ICheckoutStore Store, TProxy Proxy) Around<TProxy>(ICheckoutStore inner)
        where TProxy : StoreProxy
    {
        var store = Create<ICheckoutStore, TProxy>();
        var proxy = (TProxy)(object)store;
        proxy.Inner = inner;
        return (store, proxy);
    }

    /// <summary>The call made on the real store, with its own exception when it throws (not reflection's wrapper).</summary>
    protected object? Forward(MethodInfo targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        try
        {
            return targetMethod.Invoke(Inner, args);
        }
        catch (TargetInvocationException thrown) when (thrown.InnerException is not null)
        {
            ExceptionDispatchInfo.Throw(thrown.InnerException);
            throw;
        }
    }
}
