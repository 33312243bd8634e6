namespace Jamcart.Storage.Sql;

/// <summary>Why the database gave up a transaction because of another one.</summary>
/// <param name="Code">A short name of the engine's error, for the log and the exception's message.</param>
/// <param name="WaitedOut">
/// Whether it came of waiting for a lock until a timeout (SQLite's busy timeout, PostgreSQL's lock_timeout), as
/// opposed to a deadlock or serialization failure, which ends as soon as it is found.
/// </param>
internal readonly record struct DatabaseConflict(string Code, bool WaitedOut);
