using Jamcart.Checkout.Storage;
using Jamcart.Storage.Sql;

namespace Jamcart.Storage.Leases;

/// <summary>
/// A lease held as a PostgreSQL transaction-level advisory lock, in a transaction kept open until the lease is released
/// (rolled back: it writes nothing). For short holds, such as one maintenance run: unlike the session lock of
/// <see cref="PostgresAdvisoryLease"/>, it stays correct behind a pooler in transaction mode (PgBouncer, RDS Proxy),
/// which pins the server connection for the transaction and could otherwise hand a session lock to someone else's
/// requests, held forever. A holder that dies ends its transaction, and the lock with it.
/// </summary>
internal sealed class PostgresTransactionLease(Dialect dialect, long key) : IWorkerLease
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private DbSession? _session;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_session is not null)
            {
                return true;
            }

            var session = await dialect.BeginWriteAsync(cancellationToken);
            try
            {
                await using var command = session.Sql("SELECT CASE WHEN pg_try_advisory_xact_lock(@key) THEN 1 ELSE 0 END").With("key", key);
                if (await session.LongAsync(command, cancellationToken) == 1)
                {
                    _session = session;
                    return true;
                }
            }
            catch
            {
                await session.DisposeAsync();
                throw;
            }

            await session.DisposeAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public Task<bool> IsHeldAsync(CancellationToken cancellationToken) => Task.FromResult(_session is not null);

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (Interlocked.Exchange(ref _session, null) is { } session)
            {
                await session.DisposeAsync();
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync(CancellationToken.None);
        _gate.Dispose();
    }
}
