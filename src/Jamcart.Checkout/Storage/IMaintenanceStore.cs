namespace Jamcart.Checkout.Storage;

/// <summary>
/// The store database's housekeeping: deleting records nobody needs any more, a bounded batch per transaction so that
/// a large backlog never holds locks for long, and the leases that keep maintenance to one run at a time across all
/// processes sharing the database.
/// </summary>
public interface IMaintenanceStore
{
    /// <summary>
    /// Deletes outbox entries marked done before <paramref name="doneBefore"/>, never a pending one; returns how many.
    /// Stops after <paramref name="maxEntries"/> (rounded up to a whole batch), leaving the rest to the next call.
    /// </summary>
    Task<int> PurgeOutboxAsync(DateTimeOffset doneBefore, int maxEntries, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the ids of provider events received before <paramref name="receivedBefore"/>, so that the table of
    /// handled events does not grow forever; returns how many. Bounded like <see cref="PurgeOutboxAsync"/>.
    /// </summary>
    Task<int> PurgeProcessedEventsAsync(DateTimeOffset receivedBefore, int maxEvents, CancellationToken cancellationToken);

    /// <summary>The lease named <paramref name="name"/>: held by one instance at a time among all processes on this database.</summary>
    IWorkerLease CreateLease(string name);
}
