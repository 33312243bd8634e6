using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Apis;

/// <summary><c>POST /api/webhooks/stripe</c> with the sandbox delivering its signed events to the host over the network.</summary>
public abstract class WebhooksApiTests(ApiFixture api)
{
    public sealed class OnSqlite(SqliteKestrelApi api) : WebhooksApiTests(api), IClassFixture<SqliteKestrelApi>;

    public sealed class OnPostgres(PostgresKestrelApi api) : WebhooksApiTests(api), IClassFixture<PostgresKestrelApi>;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_providers_webhook_pays_the_order_without_a_confirm()
    {
        var sku = await api.AddProductAsync(stock: 2);
        var placed = await api.Client.PlaceOrderAsync(sku);
        var id = placed.GetProperty("orderId").GetString()!;
        var token = placed.GetProperty("orderToken").GetString()!;

        (await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"))).ShouldBe("succeeded");
        await api.Sandbox.DeliverPendingWebhooksAsync(Ct);

        var status = "";
        for (var attempt = 0; attempt < 100 && status != "paid"; attempt++)
        {
            status = (await (await api.Client.GetOrderAsync(id, token)).JsonAsync()).GetProperty("status").GetString()!;
            await Task.Delay(50, Ct);
        }

        status.ShouldBe("paid");
        (await api.Client.AvailableAsync(sku)).ShouldBe(1);
    }

    [Fact]
    public async Task a_chargeback_is_told_on_the_order_whichever_of_its_events_comes_first()
    {
        var sku = await api.AddProductAsync(stock: 2);
        var placed = await api.Client.PlaceOrderAsync(sku);
        var id = placed.GetProperty("orderId").GetString()!;

        // Stripe's pm_card_createDispute: paid, then disputed at once; the sandbox sends both events together.
        (await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"), SandboxBrowser.Disputed)).ShouldBe("succeeded");
        await api.Sandbox.DeliverPendingWebhooksAsync(Ct);

        using var admin = api.AdminClient();
        JsonElement order = default;
        for (var attempt = 0; attempt < 100; attempt++)
        {
            order = await (await admin.GetAsync($"/api/admin/orders/{id}", Ct)).JsonAsync();
            if (order.GetProperty("status").GetString() == "paid" && order.GetProperty("statusReason").ValueKind == JsonValueKind.String)
            {
                break;
            }

            await Task.Delay(50, Ct);
        }

        order.GetProperty("status").GetString().ShouldBe("paid");
        order.GetProperty("statusReason").GetString()!.ShouldStartWith("The payment is disputed with the card's bank (fraudulent)");
        order.GetProperty("refundedAmount").GetInt64().ShouldBe(0);
        var dispute = order.GetProperty("disputes").EnumerateArray().ShouldHaveSingleItem();
        (dispute.GetProperty("reason").GetString(), dispute.GetProperty("status").GetString()).ShouldBe(("fraudulent", "needs_response"));
        dispute.GetProperty("id").GetString()!.ShouldStartWith("dp_");
    }

    [Fact]
    public async Task a_late_report_of_a_refunds_earlier_status_is_checked_with_the_provider()
    {
        var sku = await api.AddProductAsync(stock: 2);
        var placed = await api.Client.PlaceOrderAsync(sku);
        var id = placed.GetProperty("orderId").GetString()!;
        (await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"))).ShouldBe("succeeded");
        (await api.Client.OrderActionAsync(id, placed.GetProperty("orderToken").GetString(), "confirm")).EnsureSuccessStatusCode();
        using var admin = api.AdminClient();
        var refunded = await (await admin.SendAsync(HttpMethod.Post, $"/api/admin/orders/{id}/refund", Http.Json("""{"amount":1000}"""))).JsonAsync();
        var refund = refunded.GetProperty("refunds")[0];

        // Stripe says the refund is pending, in a report that comes after the refund went through.
        var clientSecret = placed.GetProperty("payment").GetProperty("clientSecret").GetString()!;
        var report = EventJson("evt_" + Guid.NewGuid().ToString("N"), "charge.refund.updated", new Dictionary<string, object>
        {
            ["id"] = refund.GetProperty("id").GetString()!,
            ["object"] = "refund",
            ["amount"] = 1000,
            ["currency"] = "krw",
            ["payment_intent"] = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)],
            ["status"] = "pending",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
        (await PostSignedAsync(report, DateTimeOffset.UtcNow)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var shown = await (await admin.GetAsync($"/api/admin/orders/{id}", Ct)).JsonAsync();
        shown.GetProperty("refunds")[0].GetProperty("status").GetString().ShouldBe("succeeded", "the provider's own word, read on the report");
        shown.GetProperty("refundedAmount").GetInt64().ShouldBe(1000);
    }

    [Fact]
    public async Task the_real_server_names_no_server_software()
    {
        var response = await api.Client.GetAsync("/api/health", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Server.ShouldBeEmpty();
        response.Header("X-Content-Type-Options").ShouldBe("nosniff");
    }

    [Theory]
    [InlineData(null)]
    [InlineData("t=1,v1=00")]
    [InlineData("garbage")]
    public async Task a_missing_or_wrong_signature_is_invalid_signature(string? signature)
    {
        var response = await api.Client.SendAsync(
            HttpMethod.Post,
            "/api/webhooks/stripe",
            Http.Json(EventJson("evt_wrong_signature", "payment_intent.succeeded")),
            signature is null ? [] : [("Stripe-Signature", signature)]);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-signature");
    }

    [Fact]
    public async Task a_report_of_a_refund_the_provider_does_not_have_is_acknowledged_and_changes_nothing()
    {
        var sku = await api.AddProductAsync(stock: 2);
        var placed = await api.Client.PlaceOrderAsync(sku);
        var id = placed.GetProperty("orderId").GetString()!;
        var clientSecret = placed.GetProperty("payment").GetProperty("clientSecret").GetString()!;

        // Sent for a refund made with other keys than the functions use (a switch from test to live keys).
        var report = EventJson("evt_" + Guid.NewGuid().ToString("N"), "charge.refund.updated", new Dictionary<string, object>
        {
            ["id"] = "re_" + Guid.NewGuid().ToString("N")[..24],
            ["object"] = "refund",
            ["amount"] = 1000,
            ["currency"] = "krw",
            ["payment_intent"] = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)],
            ["status"] = "failed",
            ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        });
        var response = await PostSignedAsync(report, DateTimeOffset.UtcNow);

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        using var admin = api.AdminClient();
        var shown = await (await admin.GetAsync($"/api/admin/orders/{id}", Ct)).JsonAsync();
        (shown.GetProperty("status").GetString(), shown.GetProperty("refunds").GetArrayLength()).ShouldBe(("pending_payment", 0));
    }

    [Fact]
    public async Task a_signed_event_escaping_half_a_surrogate_pair_is_refused_not_a_500()
    {
        var body = EventJson("evt_half_surrogate", "payment_intent.succeeded").Replace("evt_half_surrogate", "evt_\\udc00", StringComparison.Ordinal);

        var response = await PostSignedAsync(body, DateTimeOffset.UtcNow);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, await response.Content.ReadAsStringAsync(Ct));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"object":"event","type":"payment_intent.succeeded"}""")]
    public async Task a_signed_body_that_is_no_event_is_invalid_request_not_a_bad_signature(string body)
    {
        var response = await PostSignedAsync(body, DateTimeOffset.UtcNow);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("not an event");
    }

    [Fact]
    public async Task a_signature_older_than_the_tolerance_is_invalid_signature()
    {
        var body = EventJson("evt_old", "customer.created");

        var response = await PostSignedAsync(body, DateTimeOffset.UtcNow.AddMinutes(-10));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-signature");
    }

    [Fact]
    public async Task a_signed_event_jamcart_ignores_is_acknowledged_also_when_repeated()
    {
        var body = EventJson("evt_" + Guid.NewGuid().ToString("N"), "customer.created");

        var first = await PostSignedAsync(body, DateTimeOffset.UtcNow);
        var again = await PostSignedAsync(body, DateTimeOffset.UtcNow);

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        again.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await first.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"received":true}""");
    }

    private Task<HttpResponseMessage> PostSignedAsync(string body, DateTimeOffset signedAt)
    {
        var timestamp = signedAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(api.Sandbox.WebhookSecret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return api.Client.SendAsync(
            HttpMethod.Post,
            "/api/webhooks/stripe",
            Http.Json(body),
            ("Stripe-Signature", $"t={timestamp},v1={Convert.ToHexStringLower(mac)}"));
    }

    private static string EventJson(string id, string type, Dictionary<string, object>? dataObject = null) => JsonSerializer.Serialize(new Dictionary<string, object>
    {
        ["id"] = id,
        ["object"] = "event",
        ["api_version"] = "2026-10-28.endive",
        ["created"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
        ["type"] = type,
        ["livemode"] = false,
        ["pending_webhooks"] = 1,
        ["data"] = new Dictionary<string, object> { ["object"] = dataObject ?? new Dictionary<string, object> { ["id"] = "cus_1", ["object"] = "customer" } },
    });
}
