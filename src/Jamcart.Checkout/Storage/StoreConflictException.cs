namespace Jamcart.Checkout.Storage;

/// <summary>
/// The database gave up a transaction because of another one (a PostgreSQL deadlock or serialization failure, an
/// SQLite lock held past the busy timeout), or a use case found another request making the same change at the same
/// moment. Nothing of it was kept; running the use case again is safe.
/// </summary>
public sealed class StoreConflictException(string message, Exception? inner = null) : Exception(message, inner);
