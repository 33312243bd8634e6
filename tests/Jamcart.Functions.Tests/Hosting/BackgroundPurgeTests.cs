using Jamcart.Checkout.Storage;
using Jamcart.Functions.Tests.Support;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Jamcart.Functions.Tests.Hosting;

/// <summary>The background purge loop deletes done outbox entries past their retention, and never a pending one.</summary>
public sealed class BackgroundPurgeTests(BackgroundPurgeTests.Host api) : IClassFixture<BackgroundPurgeTests.Host>
{
    public sealed class Host : SqliteApi
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Jamcart:Background:Enabled"] = "true";
            settings["Jamcart:Background:PurgeInterval"] = "01:00:00";
        }

        protected override void ConfigureServices(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task done_outbox_entries_older_than_the_retention_are_purged_on_the_purge_interval()
    {
        ApiFixture.RequiresInProcessHost("it moves the host's clock");
        var store = api.Store;
        var done = await store.ListPendingOutboxAsync(1000, Ct);
        done.ShouldNotBeEmpty("the catalog sync wrote its message");
        await store.MarkOutboxDoneAsync([.. done.Select(entry => entry.Id)], api.Time.GetUtcNow(), Ct);
        await using (var transaction = await store.BeginAsync(Ct))
        {
            await transaction.EnqueueAsync(new OutboxMessage(OutboxKinds.StockChanged, null, ["PENDING-1"]), api.Time.GetUtcNow(), Ct);
            await transaction.CommitAsync(Ct);
        }

        api.Time.Advance(TimeSpan.FromDays(8));
        await WaitForAsync(() => api.Logs.Lines.Any(line => line.Contains($"{done.Count} done outbox entries", StringComparison.Ordinal)));

        var maintenance = api.Factory.Services.GetRequiredService<IMaintenanceStore>();
        (await maintenance.PurgeOutboxAsync(api.Time.GetUtcNow(), 1000, Ct)).ShouldBe(0, "the background purge deleted them all");
        (await store.ListPendingOutboxAsync(1000, Ct)).ShouldHaveSingleItem().Message.Skus.ShouldBe(["PENDING-1"]);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var attempt = 0; attempt < 200 && !condition(); attempt++)
        {
            await Task.Delay(25, Ct);
        }

        condition().ShouldBeTrue("the background purge did not run in 5 s");
    }
}
