namespace Jamcart.Checkout.Storage;

/// <summary>
/// The right to be the one active instance of a background worker (the rebuild worker) among all processes sharing
/// the store database. Others wait and take over once the holder releases it or dies.
/// </summary>
public interface IWorkerLease : IAsyncDisposable
{
    /// <summary>Takes the lease when nobody holds it; true when this instance holds it, already or now.</summary>
    Task<bool> TryAcquireAsync(CancellationToken cancellationToken);

    /// <summary>Whether this instance still holds the lease; false once it was lost (its database session ended).</summary>
    Task<bool> IsHeldAsync(CancellationToken cancellationToken);

    /// <summary>Gives the lease up, so another instance can take it at once.</summary>
    Task ReleaseAsync(CancellationToken cancellationToken);
}
