using System.Net;

using Jamcart.Functions.Tests.Support;

using Microsoft.Extensions.Time.Testing;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>
/// Checkouts whose SKU's counters still hold carts that ran out, with nothing having released them (no background
/// work): the order's first write falls short, and the second releases them and places it.
/// </summary>
public abstract class RanOutCartCheckoutTests(ApiFixture api, FakeTimeProvider time)
{
    public sealed class OnSqlite(MaintenanceApiTests.SqliteHost host) : RanOutCartCheckoutTests(host, host.Time), IClassFixture<MaintenanceApiTests.SqliteHost>;

    public sealed class OnPostgres(MaintenanceApiTests.PostgresHost host) : RanOutCartCheckoutTests(host, host.Time), IClassFixture<MaintenanceApiTests.PostgresHost>;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_keyed_checkout_places_its_order_once_and_replays_it()
    {
        // On PostgreSQL the first write, one statement, has made the key's claim by the time it falls short; the
        // second write runs under that claim, and the answer is kept with it as usual.
        var sku = await api.AddProductAsync(stock: 2);
        (await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)))).StatusCode.ShouldBe(HttpStatusCode.Created);
        time.Advance(TimeSpan.FromMinutes(16));
        var key = Guid.NewGuid().ToString();

        var first = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);
        var retry = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        await retry.ShouldReplayAsync(first);
        (await api.Client.AvailableAsync(sku)).ShouldBe(0);
    }
}
