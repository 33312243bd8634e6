using System.Threading.RateLimiting;

namespace Jamcart.Functions.RateLimiting;

/// <summary>
/// One client's fixed window of one policy, counted in the store database through <see cref="SharedRateLimits"/>, so
/// that the limit holds for the client's requests to every instance together.
/// </summary>
/// <remarks>
/// ASP.NET Core's rate limiting middleware first makes the synchronous <see cref="RateLimiter.AttemptAcquire"/> and, when
/// that is refused, awaits <see cref="RateLimiter.AcquireAsync"/>. The attempt answers only what this process already
/// knows, a window already over the limit; otherwise it declines, and the wait asks the database. Once a window is
/// over the limit here, its further requests are refused without a database round trip until it ends.
/// </remarks>
internal sealed class SharedWindowLimiter(SharedRateLimits shared, string bucket, int permitsPerWindow) : RateLimiter
{
    private static readonly Lease Acquired = new(true, null);

    // Declined, with nothing to say: makes the middleware wait on AcquireAsync, which asks the database.
    private static readonly Lease AskTheDatabase = new(false, null);

    private readonly Lock _gate = new();
    private DateTimeOffset _window;
    private long _highestCount;
    private long _lastUsed = shared.Time.GetTimestamp();

    public override TimeSpan? IdleDuration => shared.Time.GetElapsedTime(Interlocked.Read(ref _lastUsed));

    public override RateLimiterStatistics? GetStatistics() => null;

    protected override RateLimitLease AttemptAcquireCore(int permitCount)
    {
        var now = shared.Time.GetUtcNow();
        return KnownOver(SharedRateLimits.WindowStart(now), now) ?? AskTheDatabase;
    }

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfGreaterThan(permitCount, 1);
        Interlocked.Exchange(ref _lastUsed, shared.Time.GetTimestamp());
        var now = shared.Time.GetUtcNow();
        var window = SharedRateLimits.WindowStart(now);
        if (KnownOver(window, now) is { } refused)
        {
            return refused;
        }

        if (permitCount == 0)
        {
            return Acquired;
        }

        if (await shared.HitAsync(bucket, window, cancellationToken) is not { } count)
        {
            return Acquired;
        }

        lock (_gate)
        {
            if (window > _window)
            {
                (_window, _highestCount) = (window, count);
            }
            else if (window == _window && count > _highestCount)
            {
                _highestCount = count;
            }
        }

        return count <= permitsPerWindow ? Acquired : Refused(window, now);
    }

    /// <summary>A refusal when this process already saw the window over the limit; null when only the database can say.</summary>
    private Lease? KnownOver(DateTimeOffset window, DateTimeOffset now)
    {
        lock (_gate)
        {
            return window == _window && _highestCount >= permitsPerWindow ? Refused(window, now) : null;
        }
    }

    private static Lease Refused(DateTimeOffset window, DateTimeOffset now) => new(false, window + SharedRateLimits.Window - now);

    private sealed class Lease(bool acquired, TimeSpan? retryAfter) : RateLimitLease
    {
        public override bool IsAcquired => acquired;

        public override IEnumerable<string> MetadataNames => retryAfter is null ? [] : [MetadataName.RetryAfter.Name];

        public override bool TryGetMetadata(string metadataName, out object? metadata)
        {
            if (retryAfter is { } wait && metadataName == MetadataName.RetryAfter.Name)
            {
                metadata = wait;
                return true;
            }

            metadata = null;
            return false;
        }
    }
}
