using Jamcart.Checkout.Storage;

namespace Jamcart.Checkout.UseCases;

/// <summary>Runs one transaction again when the database gave it up because of another one (nothing of it was kept).</summary>
internal static class StoreRetry
{
    // Conflicts are short-lived (a deadlock victim, a write lock held past the busy timeout), and every attempt starts
    // from a fresh read, so an immediate retry is safe; a few attempts are enough for real contention.
    private const int Attempts = 8;

    // A conflict that waited out the busy or lock timeout is tried once more, not Attempts times: a writer that holds
    // the database (another process's long transaction, a lock taken by hand) held every attempt up for the whole
    // timeout, so the request answered only after Attempts times it (40 s on SQLite's 5) instead of soon after one.
    private const int WaitedOutAttempts = 2;

    public static async Task<T> RunAsync<T>(Func<Task<T>> attempt)
    {
        var waitedOut = 0;
        for (var tries = 1; ; tries++)
        {
            try
            {
                return await attempt();
            }
            catch (StoreConflictException conflict) when (tries < Attempts && (!conflict.WaitedOut || ++waitedOut < WaitedOutAttempts))
            {
                // Nothing of the failed attempt was kept: run it again from the start.
            }
        }
    }

    /// <summary>Writes <paramref name="order"/> conditionally on its version; a lost race becomes a retryable conflict.</summary>
    /// <returns>The order as stored now, with the version the store gave it.</returns>
    public static async Task<Orders.Order> UpdateAsync(this ICheckoutTransaction transaction, Orders.Order order, CancellationToken cancellationToken)
    {
        if (!await transaction.TryUpdateOrderAsync(order, cancellationToken))
        {
            throw new StoreConflictException($"Order {order.Id} changed while it was being written.");
        }

        return order with { Version = order.Version + 1 };
    }
}
