using System.Collections.Concurrent;

using Jamcart.Checkout.Storage;

namespace Jamcart.Storage.Leases;

/// <summary>
/// A lease among the instances of one process, for SQLite: a SQLite store lives on one machine, where one process
/// (<c>jamcart serve</c> or <c>jamcart dev</c>) runs the worker. Held per database file and lease name.
/// </summary>
internal sealed class InProcessLease(string key) : IWorkerLease
{
    private static readonly ConcurrentDictionary<string, InProcessLease> Holders = new(StringComparer.Ordinal);

    public Task<bool> TryAcquireAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Holders.GetOrAdd(key, this) == this);

    public Task<bool> IsHeldAsync(CancellationToken cancellationToken) =>
        Task.FromResult(Holders.TryGetValue(key, out var holder) && holder == this);

    public Task ReleaseAsync(CancellationToken cancellationToken)
    {
        Holders.TryRemove(new KeyValuePair<string, InProcessLease>(key, this));
        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => new(ReleaseAsync(CancellationToken.None));
}
