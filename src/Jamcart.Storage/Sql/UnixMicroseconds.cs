namespace Jamcart.Storage.Sql;

/// <summary>Timestamps as the database keeps them: BIGINT microseconds since the Unix epoch, UTC.</summary>
/// <remarks>Finer than microseconds is dropped, which is as fine as PostgreSQL's own timestamps and Stripe's are.</remarks>
internal static class UnixMicroseconds
{
    private const long TicksPerMicrosecond = TimeSpan.TicksPerMillisecond / 1000;

    public static long From(DateTimeOffset time) => (time.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) / TicksPerMicrosecond;

    public static DateTimeOffset ToTime(long microseconds) =>
        new(DateTimeOffset.UnixEpoch.UtcTicks + (microseconds * TicksPerMicrosecond), TimeSpan.Zero);
}
