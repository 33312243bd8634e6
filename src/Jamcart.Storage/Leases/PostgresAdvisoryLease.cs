using System.Data.Common;

using Jamcart.Checkout.Storage;

using Npgsql;

namespace Jamcart.Storage.Leases;

/// <summary>
/// A lease held as a PostgreSQL session-level advisory lock on a connection of its own: the server releases it the
/// moment that session ends, so when the holder's process dies, its host goes away or the server restarts, another
/// instance's next <see cref="TryAcquireAsync"/> wins. Losing the connection is losing the lease.
/// </summary>
internal sealed class PostgresAdvisoryLease(NpgsqlDataSource dataSource, long key) : IWorkerLease
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private NpgsqlConnection? _connection;

    public async Task<bool> TryAcquireAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not null)
            {
                return await IsAliveAsync(cancellationToken);
            }

            var connection = await dataSource.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = new NpgsqlCommand("SELECT pg_try_advisory_lock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                if (await command.ExecuteScalarAsync(cancellationToken) is true)
                {
                    _connection = connection;
                    return true;
                }
            }
            catch
            {
                await connection.DisposeAsync();
                throw;
            }

            await connection.DisposeAsync();
            return false;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> IsHeldAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return _connection is not null && await IsAliveAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task ReleaseAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            if (_connection is not { } connection)
            {
                return;
            }

            try
            {
                // Explicitly: the connection goes back to the pool, where a session lock would outlive this lease.
                await using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key)", connection);
                command.Parameters.AddWithValue("key", key);
                await command.ExecuteScalarAsync(cancellationToken);
            }
            catch (DbException)
            {
                // The session is gone, and its lock with it.
            }

            await DropAsync();
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

    private async Task<bool> IsAliveAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var command = new NpgsqlCommand("SELECT 1", _connection);
            await command.ExecuteScalarAsync(cancellationToken);
            return true;
        }
        catch (Exception e) when (e is DbException or IOException or InvalidOperationException)
        {
            // A dead session holds no lock: this instance is no longer the one.
            await DropAsync();
            return false;
        }
    }

    private async Task DropAsync()
    {
        if (Interlocked.Exchange(ref _connection, null) is { } connection)
        {
            await connection.DisposeAsync();
        }
    }
}
