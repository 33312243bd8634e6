namespace Jamcart.Payments.Sandbox.Webhooks;

/// <summary>
/// When a failed delivery is tried again: 0.5 s, 1 s, 2 s … doubling up to 30 s between attempts, and given up after
/// 20 attempts or an hour, whichever comes first. Stripe itself keeps trying for three days; a sandbox session is
/// shorter, and a test can reach either limit by moving a fake clock.
/// </summary>
internal static class RetrySchedule
{
    public const int MaxAttempts = 20;

    public static TimeSpan GiveUpAfter { get; } = TimeSpan.FromHours(1);

    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(500);

    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(30);

    /// <summary>The wait after the <paramref name="attempts"/>-th failed attempt.</summary>
    public static TimeSpan After(int attempts)
    {
        var wait = First * Math.Pow(2, Math.Min(attempts - 1, 16));
        return wait < Cap ? wait : Cap;
    }

    public static bool GivesUp(int attempts, DateTimeOffset eventCreated, DateTimeOffset now) =>
        attempts >= MaxAttempts || now - eventCreated >= GiveUpAfter;
}
