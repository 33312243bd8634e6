using System.Net;

using Jamcart.Checkout.Catalog;
using Jamcart.Core;
using Jamcart.Functions.Tests.Support;
using Jamcart.Payments.Sandbox;
using Jamcart.Storage;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Processes;

/// <summary>
/// Separate host processes on one PostgreSQL database, as several serverless instances are: no process-local lock
/// can help them, only the database's conditional updates (invariant I2), and a process killed mid-checkout leaves
/// nothing that reconciliation does not finish (I4).
/// </summary>
public sealed class MultiProcessTests(PostgresServer server) : IAsyncLifetime
{
    private SandboxServer _sandbox = null!;
    private string _database = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
        _database = await server.CreateDatabaseAsync();
    }

    public async ValueTask DisposeAsync() => await _sandbox.StopAsync();

    [Fact]
    public async Task two_host_processes_sharing_one_database_sell_exactly_the_stock()
    {
        await SeedAsync("LAST-5", stock: 5);
        await using var first = await HostProcess.StartAsync(_database, _sandbox);
        await using var second = await HostProcess.StartAsync(_database, _sandbox);
        using var a = new HttpClient { BaseAddress = first.Address, Timeout = TimeSpan.FromSeconds(60) };
        using var b = new HttpClient { BaseAddress = second.Address, Timeout = TimeSpan.FromSeconds(60) };

        var answers = await Task.WhenAll(Enumerable.Range(0, 200).Select(i =>
            (i % 2 == 0 ? a : b).CheckoutAsync(Buyer.CheckoutBody(("LAST-5", 1)))));

        answers.Count(r => r.StatusCode == HttpStatusCode.Created).ShouldBe(5, first.Output + second.Output);
        answers.Count(r => r.StatusCode == HttpStatusCode.Conflict).ShouldBe(195);
        var stock = await InventoryAsync("LAST-5");
        stock.OnHand.ShouldBe(5);
        stock.Reserved.ShouldBe(5);
    }

    [Fact]
    public async Task a_host_killed_mid_checkout_leaves_nothing_reconciliation_does_not_finish()
    {
        await SeedAsync("CRASH-1", stock: 3);
        var quickReconcile = new Dictionary<string, string>
        {
            ["Jamcart__Checkout__PaymentCreationGrace"] = "00:00:10",
            ["Jamcart__Background__ReconcileInterval"] = "00:00:01",
        };
        var doomed = await HostProcess.StartAsync(_database, _sandbox, quickReconcile);
        using var client = new HttpClient { BaseAddress = doomed.Address, Timeout = TimeSpan.FromSeconds(30) };

        // Payments hang at the provider, so the host dies with the stock reserved and no payment attached.
        _sandbox.Latency = TimeSpan.FromSeconds(8);
        var inFlight = Enumerable.Range(0, 3).Select(_ => client.CheckoutAsync(Buyer.CheckoutBody(("CRASH-1", 1)))).ToList();
        await WaitUntilAsync(async () => (await InventoryAsync("CRASH-1")).Reserved == 3, "the three reservations");
        doomed.Crash();
        await Task.WhenAll(inFlight.Select(async request => await Should.ThrowAsync<HttpRequestException>(request)));
        await doomed.DisposeAsync();
        _sandbox.Latency = TimeSpan.Zero;
        (await InventoryAsync("CRASH-1")).Reserved.ShouldBe(3, "a crash releases nothing by itself");

        // A fresh instance reconciles at start-up and on its interval: the abandoned orders are canceled.
        await using var next = await HostProcess.StartAsync(_database, _sandbox, quickReconcile);
        await WaitUntilAsync(async () => (await InventoryAsync("CRASH-1")).Reserved == 0, "reconciliation to free the stock");
        await using var database = await CheckoutDatabase.OpenAsync(_database, TimeProvider.System, cancellationToken: Ct);
        var orders = await database.Store.ListOrdersAsync(null, DateTimeOffset.UtcNow, 10, null, Ct);
        orders.Count.ShouldBe(3);
        orders.ShouldAllBe(order => order.Status == OrderStatus.Canceled);
        (await InventoryAsync("CRASH-1")).OnHand.ShouldBe(3, "nothing was sold or charged");
    }

    [Fact]
    public async Task a_checkout_retried_with_its_key_after_its_host_died_mid_payment_gets_the_order_the_first_attempt_reserved()
    {
        await SeedAsync("LAST-1", stock: 1);
        // A lease of two seconds instead of a minute, so the retry need not wait long; reconciliation's grace stays two
        // minutes, so the dead attempt's order still holds the last unit when the retry comes.
        var shortLease = new Dictionary<string, string> { ["Jamcart__Background__IdempotencyLease"] = "00:00:02" };
        var body = Buyer.CheckoutBody(("LAST-1", 1));
        var doomed = await HostProcess.StartAsync(_database, _sandbox, shortLease);
        using var client = new HttpClient { BaseAddress = doomed.Address, Timeout = TimeSpan.FromSeconds(30) };

        // The payment hangs at the provider: the host dies with the unit reserved under the key, and no answer sent.
        _sandbox.Latency = TimeSpan.FromSeconds(8);
        var first = client.CheckoutAsync(body, "buyer-retries-after-a-crash");
        await WaitUntilAsync(async () => (await InventoryAsync("LAST-1")).Reserved == 1, "the reservation");
        doomed.Crash();
        await Should.ThrowAsync<HttpRequestException>(first);
        await doomed.DisposeAsync();
        _sandbox.Latency = TimeSpan.Zero;

        await using var next = await HostProcess.StartAsync(_database, _sandbox, shortLease);
        using var retrying = new HttpClient { BaseAddress = next.Address, Timeout = TimeSpan.FromSeconds(30) };
        HttpResponseMessage retry;
        do
        {
            // As the checkout script does with idempotency-in-progress: wait Retry-After, send the same again.
            await Task.Delay(500, Ct);
            retry = await retrying.CheckoutAsync(body, "buyer-retries-after-a-crash");
        }
        while (retry.StatusCode == HttpStatusCode.Conflict && retry.Headers.RetryAfter is not null);

        retry.StatusCode.ShouldBe(HttpStatusCode.Created, await retry.Content.ReadAsStringAsync(Ct));
        var placed = await retry.JsonAsync();
        var orderId = placed.GetProperty("orderId").GetString()!;
        placed.GetProperty("payment").GetProperty("clientSecret").GetString().ShouldNotBeNullOrEmpty();
        (await retrying.GetOrderAsync(orderId, placed.GetProperty("orderToken").GetString())).StatusCode.ShouldBe(HttpStatusCode.OK);
        await (await retrying.CheckoutAsync(body, "buyer-retries-after-a-crash")).ShouldReplayAsync(retry);

        // One order, one reservation: the retry finished the order its first attempt placed.
        await using var database = await CheckoutDatabase.OpenAsync(_database, TimeProvider.System, cancellationToken: Ct);
        var orders = await database.Store.ListOrdersAsync(null, DateTimeOffset.UtcNow, 10, null, Ct);
        orders.ShouldHaveSingleItem().Id.ShouldBe(orderId);
        orders[0].PaymentId.ShouldNotBeNull();
        var stock = await InventoryAsync("LAST-1");
        stock.Reserved.ShouldBe(1);
        stock.OnHand.ShouldBe(1);
    }

    [Fact]
    public async Task a_host_with_a_bad_setting_says_which_and_exits_1_without_a_stack_trace()
    {
        var failure = await Should.ThrowAsync<InvalidOperationException>(() =>
            HostProcess.StartAsync(_database, _sandbox, new Dictionary<string, string> { ["JAMCART_ADMIN_KEY"] = "short" }));

        failure.Message.ShouldContain("exited with 1");
        failure.Message.ShouldContain("AdminKey");
        failure.Message.ShouldNotContain("   at ");
    }

    private async Task SeedAsync(string sku, long stock)
    {
        await using var database = await CheckoutDatabase.OpenAsync(_database, TimeProvider.System, cancellationToken: Ct);
        await database.Store.SyncCatalogAsync(ApiFixture.Settings, [new CatalogItem(sku, "Tea " + sku, new Money(12_000, Currency.KRW), false, stock)], DateTimeOffset.UtcNow, Ct);
    }

    private async Task<Checkout.Storage.InventoryLevel> InventoryAsync(string sku)
    {
        await using var database = await CheckoutDatabase.OpenAsync(_database, TimeProvider.System, migrate: false, cancellationToken: Ct);
        return (await database.Store.GetInventoryAsync([sku], DateTimeOffset.UtcNow, Ct))[sku];
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        var deadline = DateTime.UtcNow.AddSeconds(45);
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException($"timed out waiting for {what}");
    }
}
