namespace Jamcart.Checkout.Storage;

/// <summary>
/// The database gave up a transaction because of another one (a PostgreSQL deadlock or serialization failure, an
/// SQLite lock held past the busy timeout), or a use case found another request making the same change at the same
/// moment. Nothing of it was kept; running the use case again is safe.
/// </summary>
public sealed class StoreConflictException(string message, Exception? inner = null) : Exception(message, inner)
{
    /// <summary>
    /// Whether the transaction waited the whole busy or lock timeout for another that held on, rather than losing a
    /// race that ended at once: whatever held the database may hold it as long again, so running again at once waits
    /// as long again.
    /// </summary>
    public bool WaitedOut { get; init; }
}
