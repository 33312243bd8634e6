using System.Reflection;

using Jamcart.Checkout.Storage;
using Jamcart.Testing;

namespace Jamcart.Worker.Tests;

/// <summary>
/// The real store, where another worker finishes the pending entries between a worker's first look at the outbox and
/// its second, after the debounce: what an instance that held the lease until a moment ago does. Once only.
/// </summary>
public class DoneByAnotherWorker : StoreProxy
{
    private int _listings;

    /// <summary>Completed once the other worker has marked the entries done.</summary>
    public TaskCompletionSource Interfered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static (ICheckoutStore Store, DoneByAnotherWorker Proxy) Around(ICheckoutStore inner) => Around<DoneByAnotherWorker>(inner);

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args)
    {
        ArgumentNullException.ThrowIfNull(targetMethod);
        return targetMethod.Name == nameof(ICheckoutStore.ListPendingOutboxAsync) && args!.Length == 4
            ? ListAsync(targetMethod, args)
            : Forward(targetMethod, args);
    }

    private async Task<IReadOnlyList<OutboxEntry>> ListAsync(MethodInfo targetMethod, object?[] args)
    {
        var pending = await (Task<IReadOnlyList<OutboxEntry>>)Forward(targetMethod, args)!;
        if (pending.Count > 0 && Interlocked.Increment(ref _listings) == 1)
        {
            // The first listing that found work: the other worker finishes it before this one looks again.
            await Inner.MarkOutboxDoneAsync([.. pending.Select(entry => entry.Id)], TimeProvider.System.GetUtcNow(), CancellationToken.None);
            Interfered.TrySetResult();
        }

        return pending;
    }
}
