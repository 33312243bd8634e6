using System.Data.Common;

using Jamcart.Checkout.Storage;
using Jamcart.Functions.Hosting;

namespace Jamcart.Functions.RateLimiting;

/// <summary>
/// This process's side of the rate limits shared through the store database (<c>Jamcart:RateLimit:Shared</c>):
/// windows aligned on the clock, so that every instance counts into the same one; each request counted there; the
/// counts of ended windows deleted once per window.
/// </summary>
/// <remarks>
/// When the database cannot count a request, the request is let through and a warning logged: it needs the same
/// database to do anything, and refusing every client while the database is away would add nothing but confusion.
/// </remarks>
internal sealed partial class SharedRateLimits(CheckoutDatabaseHost database, TimeProvider time, ILogger<SharedRateLimits> logger)
{
    /// <summary>The length of a window, the same for every policy (limits are per minute).</summary>
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private long _purgedBeforeTicks;

    public TimeProvider Time => time;

    /// <summary>The start of the window holding <paramref name="now"/>: a whole minute, so every instance agrees on it.</summary>
    public static DateTimeOffset WindowStart(DateTimeOffset now) => new(now.UtcTicks - (now.UtcTicks % Window.Ticks), TimeSpan.Zero);

    /// <summary>Counts one request of <paramref name="bucket"/>; the window's count with it, or null when the database could not count it.</summary>
    public async Task<long?> HitAsync(string bucket, DateTimeOffset windowStart, CancellationToken cancellationToken)
    {
        await PurgeEndedWindowsAsync(windowStart);
        try
        {
            return await database.RateLimits.HitAsync(bucket, windowStart, cancellationToken);
        }
        catch (Exception e) when (e is DbException or StoreConflictException)
        {
            LogUncounted(logger, e);
            return null;
        }
    }

    private async Task PurgeEndedWindowsAsync(DateTimeOffset windowStart)
    {
        // The window before the current one is kept: instances' clocks differ a little, and it is small.
        var before = windowStart - Window;
        var purged = Interlocked.Read(ref _purgedBeforeTicks);
        if (before.UtcTicks <= purged || Interlocked.CompareExchange(ref _purgedBeforeTicks, before.UtcTicks, purged) != purged)
        {
            return;
        }

        try
        {
            var count = await database.RateLimits.PurgeAsync(before, CancellationToken.None);
            if (count > 0)
            {
                LogPurged(logger, count);
            }
        }
        catch (Exception e) when (e is DbException or StoreConflictException)
        {
            // Another instance's purge, or this one's in the next window, deletes them.
            LogPurgeFailed(logger, e);
        }
    }

    [LoggerMessage(EventId = 205, Level = LogLevel.Warning, Message = "The store database could not count a request for the shared rate limits; the request is let through")]
    private static partial void LogUncounted(ILogger logger, Exception exception);

    [LoggerMessage(EventId = 206, Level = LogLevel.Debug, Message = "Deleted {Count} ended rate limit windows")]
    private static partial void LogPurged(ILogger logger, int count);

    [LoggerMessage(EventId = 207, Level = LogLevel.Warning, Message = "Deleting ended rate limit windows failed; a later window tries again")]
    private static partial void LogPurgeFailed(ILogger logger, Exception exception);
}
