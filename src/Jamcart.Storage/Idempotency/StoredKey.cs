using Jamcart.Checkout.Idempotency;

namespace Jamcart.Storage.Idempotency;

/// <summary>
/// A key as <c>idempotency_records</c> keeps it: its scope and <see cref="SealedAnswers.Fingerprint"/>. Made, like every
/// sealed body, before the write that stores it begins: on SQLite each write holds the database's one write lock, and
/// hashing and encrypting inside it made every other checkout wait for them.
/// </summary>
internal sealed record StoredKey(string Scope, string Fingerprint)
{
    public static StoredKey Of(IdempotencyKey key) => new(key.Scope, SealedAnswers.Fingerprint(key));
}
