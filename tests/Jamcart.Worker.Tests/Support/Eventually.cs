namespace Jamcart.Worker.Tests;

/// <summary>Waits for what a background worker does, failing with what was awaited when it does not come.</summary>
internal static class Eventually
{
    public static async Task HoldsAsync(Func<Task<bool>> condition, string what, double seconds = 20)
    {
        var deadline = DateTime.UtcNow.AddSeconds(seconds);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"timed out after {seconds} s waiting for {what}");
            }

            await Task.Delay(20, TestContext.Current.CancellationToken);
        }
    }

    public static Task HoldsAsync(Func<bool> condition, string what, double seconds = 20) =>
        HoldsAsync(() => Task.FromResult(condition()), what, seconds);
}
