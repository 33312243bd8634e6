using Shouldly;

namespace Jamcart.Storage.Tests.Contract;

public abstract partial class CheckoutStoreContract
{
    [Fact]
    public async Task rate_limit_hits_count_per_bucket_and_window()
    {
        var window = Now;
        var next = Now.AddMinutes(1);

        var first = await Database.RateLimits.HitAsync("api:198.51.100.1", window, Ct);
        var second = await Database.RateLimits.HitAsync("api:198.51.100.1", window, Ct);
        var otherClient = await Database.RateLimits.HitAsync("api:198.51.100.2", window, Ct);
        var nextWindow = await Database.RateLimits.HitAsync("api:198.51.100.1", next, Ct);

        (first, second, otherClient, nextWindow).ShouldBe((1L, 2L, 1L, 1L));
    }

    [Fact]
    public async Task rate_limit_hits_from_two_processes_at_once_each_get_their_own_count()
    {
        await using var otherProcess = await CheckoutDatabase.OpenAsync(ConnectionString, Time, cancellationToken: Ct);

        var counts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i => Task.Run(() =>
            (i % 2 == 0 ? Database : otherProcess).RateLimits.HitAsync("api:203.0.113.9", Now, Ct), Ct)));

        counts.Order().ShouldBe(Enumerable.Range(1, 40).Select(i => (long)i));
    }

    [Fact]
    public async Task purging_rate_limit_windows_deletes_only_those_that_started_before()
    {
        await Database.RateLimits.HitAsync("api:198.51.100.1", Now.AddMinutes(-2), Ct);
        await Database.RateLimits.HitAsync("api:198.51.100.2", Now.AddMinutes(-1), Ct);
        await Database.RateLimits.HitAsync("api:198.51.100.1", Now, Ct);

        (await Database.RateLimits.PurgeAsync(Now.AddMinutes(-1), Ct)).ShouldBe(1);

        (await Database.RateLimits.HitAsync("api:198.51.100.2", Now.AddMinutes(-1), Ct)).ShouldBe(2);
        (await Database.RateLimits.HitAsync("api:198.51.100.1", Now.AddMinutes(-2), Ct)).ShouldBe(1, "its window was purged");
    }
}
