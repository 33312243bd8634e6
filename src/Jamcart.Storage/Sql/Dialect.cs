using System.Data.Common;

using Jamcart.Checkout.Storage;

namespace Jamcart.Storage.Sql;

/// <summary>
/// What differs between the two engines, and nothing else: how a connection opens, how a write transaction starts
/// and locks, and which errors mean "another transaction got in the way". All SQL above this is shared.
/// </summary>
internal abstract class Dialect : IAsyncDisposable
{
    public abstract DatabaseKind Kind { get; }

    /// <summary>The clause that locks rows read in a write transaction; empty on SQLite, whose write transaction holds the whole database.</summary>
    public abstract string ForUpdate { get; }

    /// <summary>A query of one row whose column <c>n</c> is 1 when the table named by <c>@table</c> exists, otherwise 0.</summary>
    public abstract string TableExistsSql { get; }

    /// <summary>A connection for reads outside any transaction.</summary>
    public abstract Task<DbSession> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A connection inside a new write transaction.</summary>
    /// <exception cref="StoreConflictException">Another writer held the database past the busy timeout.</exception>
    public abstract Task<DbSession> BeginWriteAsync(CancellationToken cancellationToken);

    /// <summary>
    /// A connection for writes that each stand alone: every statement is atomic by itself and none depends on another
    /// having happened in the same transaction (compare-and-set updates, inserts that may find a row already there).
    /// Where the engine commits a lone statement by itself this saves the round trips of a transaction; committing the
    /// session is then a no-op.
    /// </summary>
    public virtual Task<DbSession> BeginStandaloneWritesAsync(CancellationToken cancellationToken) => BeginWriteAsync(cancellationToken);

    /// <summary>Makes the write transaction of <paramref name="session"/> the only one applying migrations, across processes.</summary>
    public abstract Task LockForMigrationAsync(DbSession session, CancellationToken cancellationToken);

    /// <summary>Why the database gave up because of another transaction, or null for any other error.</summary>
    public abstract DatabaseConflict? Conflict(DbException exception);

    /// <summary>The lease named <paramref name="name"/> on this database, for one active instance of a worker.</summary>
    public abstract IWorkerLease CreateLease(string name);

    public abstract ValueTask DisposeAsync();

    /// <summary>Runs one database call, turning a conflict with another transaction into <see cref="StoreConflictException"/>.</summary>
    public async Task<T> GuardAsync<T>(Func<Task<T>> operation)
    {
        try
        {
            return await operation();
        }
        catch (DbException exception) when (Conflict(exception) is { } conflict)
        {
            throw new StoreConflictException(
                $"The {Kind.Name()} database gave up because of a concurrent transaction ({conflict.Code}); nothing of this transaction was kept, so running it again is safe.",
                exception)
            {
                WaitedOut = conflict.WaitedOut,
            };
        }
    }
}
