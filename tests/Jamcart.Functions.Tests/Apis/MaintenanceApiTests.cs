using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

using Jamcart.Checkout.Storage;
using Jamcart.Core;
using Jamcart.Functions.Tests.Support;
using Jamcart.Testing;

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>
/// <c>POST /api/admin/maintenance</c> on a host whose background work is off, as on a platform that freezes idle
/// instances: the call alone finishes what requests left undone, once however many calls run at the same time.
/// </summary>
public abstract class MaintenanceApiTests(ApiFixture api, FakeTimeProvider time)
{
    public sealed class SqliteHost : SqliteApi
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureServices(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
    }

    public sealed class PostgresHost(PostgresServer server) : PostgresApi(server)
    {
        public FakeTimeProvider Time { get; } = new(DateTimeOffset.UtcNow);

        protected override void ConfigureServices(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
    }

    public sealed class OnSqlite(SqliteHost host) : MaintenanceApiTests(host, host.Time), IClassFixture<SqliteHost>;

    public sealed class OnPostgres(PostgresHost host) : MaintenanceApiTests(host, host.Time), IClassFixture<PostgresHost>;

    private const string Path = "/api/admin/maintenance";

    private const string ScheduledEvent = """
        {"version":"0","id":"89d1a02d-5ec7-412e-82f5-13505f849b41","detail-type":"Scheduled Event","source":"aws.events",
         "account":"123456789012","time":"2026-11-26T01:00:00Z","region":"us-east-1","resources":[],"detail":{}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer " + ApiFixture.AdminKey + "x")]
    [InlineData("Basic " + ApiFixture.AdminKey)]
    public async Task without_the_admin_key_maintenance_is_unauthorized_and_runs_nothing(string? authorization)
    {
        ApiFixture.RequiresInProcessHost("it moves the host's clock");
        var sku = await api.AddProductAsync(stock: 1);
        var placed = await api.Client.PlaceOrderAsync(sku);
        time.Advance(TimeSpan.FromMinutes(16));

        var response = await api.Client.SendAsync(HttpMethod.Post, Path, null, authorization is null ? [] : [("Authorization", authorization)]);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.WwwAuthenticate.ShouldBe([new AuthenticationHeaderValue("Bearer")]);
        (await StatusAsync(placed)).ShouldBe("pending_payment");
        await RunUntilNothingIsDueAsync();
    }

    [Fact]
    public async Task a_body_over_64_kib_or_other_than_a_json_object_is_refused_like_on_every_endpoint()
    {
        using var admin = api.AdminClient();

        var tooLarge = await admin.PostAsync(Path, Http.Json("{\"pad\":\"" + new string('x', 70 * 1024) + "\"}"), Ct);
        var notJson = await admin.PostAsync(Path, new StringContent("run", System.Text.Encoding.UTF8, "text/plain"), Ct);
        var array = await admin.PostAsync(Path, Http.Json("[1]"), Ct);

        await tooLarge.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
        await notJson.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await array.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task a_call_pays_an_order_whose_payment_nobody_confirmed_and_expires_one_nobody_paid()
    {
        ApiFixture.RequiresInProcessHost("it moves the host's clock");
        var paidSku = await api.AddProductAsync(stock: 5);
        var unpaidSku = await api.AddProductAsync(stock: 5);
        var paid = await api.Client.PlaceOrderAsync(paidSku, quantity: 2);
        var unpaid = await api.Client.PlaceOrderAsync(unpaidSku, quantity: 3);
        (await SandboxBrowser.PayAsync(api.Sandbox, paid.GetProperty("payment"))).ShouldBe("succeeded");
        time.Advance(TimeSpan.FromMinutes(16));

        using var admin = api.AdminClient();
        var response = await admin.PostAsync(Path, null, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var report = await response.JsonAsync();
        report.EnumerateObject().Select(member => member.Name).ShouldBe(["reconciliation", "purge"]);
        var reconciliation = report.GetProperty("reconciliation");
        reconciliation.EnumerateObject().Select(member => member.Name).ShouldBe(["skipped", "checked", "expired", "abandoned", "paid", "refunded", "deferred", "left"]);
        reconciliation.GetProperty("skipped").GetBoolean().ShouldBeFalse();
        reconciliation.GetProperty("left").GetInt64().ShouldBe(0);
        reconciliation.GetProperty("paid").GetInt32().ShouldBe(1);
        reconciliation.GetProperty("expired").GetInt32().ShouldBe(1);
        report.GetProperty("purge").EnumerateObject().Select(member => member.Name).ShouldBe(["skipped", "idempotencyRecords", "outboxEntries", "webhookEvents"]);
        (await StatusAsync(paid)).ShouldBe("paid");
        (await StatusAsync(unpaid)).ShouldBe("expired");
        (await InventoryAsync(paidSku)).OnHand.ShouldBe(3);
        (await api.Client.AvailableAsync(unpaidSku)).ShouldBe(5);

        var again = await (await admin.PostAsync(Path, null, Ct)).JsonAsync();
        again.GetProperty("reconciliation").GetProperty("checked").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task calls_at_the_same_time_pay_an_order_once()
    {
        ApiFixture.RequiresInProcessHost("it moves the host's clock");
        var sku = await api.AddProductAsync(stock: 4);
        var placed = await api.Client.PlaceOrderAsync(sku, quantity: 2);
        (await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"))).ShouldBe("succeeded");
        time.Advance(TimeSpan.FromMinutes(16));

        using var admin = api.AdminClient();
        // Half of them with the body an EventBridge schedule sends, which the endpoint ignores.
        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => Task.Run(
            () => admin.PostAsync(Path, i % 2 == 0 ? null : Http.Json(ScheduledEvent), Ct), Ct)));

        responses.ShouldAllBe(response => response.StatusCode == HttpStatusCode.OK);
        var reports = await Task.WhenAll(responses.Select(response => response.JsonAsync()));
        reports.Sum(report => report.GetProperty("reconciliation").GetProperty("paid").GetInt32()).ShouldBe(1);
        (await StatusAsync(placed)).ShouldBe("paid");
        (await InventoryAsync(sku)).OnHand.ShouldBe(2, "one sale of 2, not two");
        (await InventoryAsync(sku)).Reserved.ShouldBe(0);
        var orderId = placed.GetProperty("orderId").GetString();
        (await api.Store.ListPendingOutboxAsync(10_000, Ct)).Count(entry => entry.Message.OrderId == orderId && entry.Message.Kind == OutboxKinds.OrderPaid)
            .ShouldBe(1, "one rebuild request for one payment");
    }

    /// <summary>The status as stored, which is what maintenance changes: the views show a pending order past its reservation as expired already.</summary>
    private async Task<string?> StatusAsync(JsonElement placed) =>
        OrderStatuses.ToWire((await api.Store.GetOrderAsync(placed.GetProperty("orderId").GetString()!, Ct))!.Status);

    private async Task<InventoryLevel> InventoryAsync(string sku) =>
        (await api.Store.GetInventoryAsync([sku], time.GetUtcNow(), Ct))[sku];

    /// <summary>Leaves no order due behind, so that the next test's counts are its own.</summary>
    private async Task RunUntilNothingIsDueAsync()
    {
        using var admin = api.AdminClient();
        for (var run = 0; run < 5; run++)
        {
            var report = await (await admin.PostAsync(Path, null, Ct)).JsonAsync();
            if (report.GetProperty("reconciliation").GetProperty("checked").GetInt32() == 0)
            {
                return;
            }
        }
    }
}
