namespace Jamcart.Checkout.UseCases;

/// <summary>The instants the use cases write: whole microseconds, which is what both databases keep.</summary>
internal static class StoreClock
{
    /// <summary>
    /// Now, cut to the microsecond, so that an answer built from what a use case just wrote (a confirm's
    /// <c>paidAt</c>, a checkout's <c>createdAt</c>) shows the same instant as every later read of it.
    /// </summary>
    public static DateTimeOffset StoreNow(this TimeProvider time)
    {
        var clock = time.GetUtcNow();
        return new DateTimeOffset(clock.UtcTicks - (clock.UtcTicks % TimeSpan.TicksPerMicrosecond), TimeSpan.Zero);
    }
}
