using System.Net;
using System.Text.Json.Nodes;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Apis;

/// <summary><c>POST /api/checkout</c> through HTTP, on SQLite and on PostgreSQL.</summary>
public abstract class CheckoutApiTests(ApiFixture api)
{
    public sealed class OnSqlite(SqliteApi api) : CheckoutApiTests(api), IClassFixture<SqliteApi>;

    public sealed class OnPostgres(PostgresApi api) : CheckoutApiTests(api), IClassFixture<PostgresApi>;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task checkout_answers_201_with_the_order_its_token_and_how_to_pay()
    {
        var sku = await api.AddProductAsync(stock: 5, price: 12000);

        var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var order = await response.JsonAsync();
        order.EnumerateObject().Select(member => member.Name).ShouldBe(
            ["orderId", "orderToken", "status", "currency", "lines", "subtotal", "shipping", "discount", "tax", "taxInclusive", "total", "reservedUntil", "payment"]);
        order.GetProperty("orderId").GetString().ShouldStartWith("ord_");
        order.GetProperty("orderToken").GetString()!.Length.ShouldBeGreaterThanOrEqualTo(22);
        order.GetProperty("status").GetString().ShouldBe("pending_payment");
        order.GetProperty("currency").GetString().ShouldBe("KRW");
        var line = order.GetProperty("lines")[0];
        line.EnumerateObject().Select(member => member.Name).ShouldBe(["sku", "title", "quantity", "unitAmount", "amount"]);
        line.GetProperty("unitAmount").GetInt64().ShouldBe(12000);
        line.GetProperty("amount").GetInt64().ShouldBe(24000);
        order.GetProperty("subtotal").GetInt64().ShouldBe(24000);
        order.GetProperty("shipping").GetInt64().ShouldBe(3000);
        order.GetProperty("discount").GetInt64().ShouldBe(0);
        order.GetProperty("taxInclusive").GetBoolean().ShouldBeTrue();
        order.GetProperty("total").GetInt64().ShouldBe(27000);
        order.GetProperty("tax").GetInt64().ShouldBe(2455);
        order.GetProperty("reservedUntil").GetString().ShouldEndWith("Z");
        var payment = order.GetProperty("payment");
        payment.GetProperty("provider").GetString().ShouldBe("sandbox");
        payment.GetProperty("publishableKey").GetString().ShouldBe(api.Sandbox.PublishableKey);
        payment.GetProperty("clientSecret").GetString()!.ShouldContain("_secret_");
        payment.GetProperty("scriptUrl").GetString().ShouldBe(new Uri(api.Sandbox.BaseUrl, "sandbox.js").AbsoluteUri);
        (await api.Client.AvailableAsync(sku)).ShouldBe(3);
    }

    [Fact]
    public async Task checkout_reports_database_provider_and_own_time_in_server_timing()
    {
        var sku = await api.AddProductAsync();

        var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)));

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        response.Header("Server-Timing")!.ShouldMatch(@"^db;dur=[\d.]+, provider;dur=[\d.]+, app;dur=[\d.]+$");
    }

    [Fact]
    public async Task prices_and_totals_in_the_request_are_ignored()
    {
        var sku = await api.AddProductAsync(price: 12000);
        var body = Buyer.CheckoutBody((sku, 1));
        body["total"] = 1;
        body["amount"] = 1;
        body["price"] = 1;
        body["currency"] = "USD";
        var item = body["items"]![0]!.AsObject();
        item["price"] = 1;
        item["unitAmount"] = 1;
        item["amount"] = 1;
        item["title"] = "Free tea";

        var response = await api.Client.CheckoutAsync(body);

        response.StatusCode.ShouldBe(HttpStatusCode.Created);
        var order = await response.JsonAsync();
        order.GetProperty("total").GetInt64().ShouldBe(15000);
        order.GetProperty("currency").GetString().ShouldBe("KRW");
        order.GetProperty("lines")[0].GetProperty("unitAmount").GetInt64().ShouldBe(12000);
        order.GetProperty("lines")[0].GetProperty("title").GetString().ShouldBe("Tea " + sku);
    }

    [Fact]
    public async Task unknown_and_draft_skus_are_unknown_sku_with_the_sku()
    {
        var draft = await api.AddProductAsync(draft: true);

        foreach (var sku in new[] { "NO-SUCH-TEA", draft })
        {
            var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)));

            var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "unknown-sku");
            problem.GetProperty("sku").GetString().ShouldBe(sku);
        }
    }

    [Fact]
    public async Task more_than_available_is_out_of_stock_with_sku_requested_available()
    {
        var sku = await api.AddProductAsync(stock: 2);

        var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 3)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "out-of-stock");
        problem.GetProperty("sku").GetString().ShouldBe(sku);
        problem.GetProperty("requested").GetInt64().ShouldBe(3);
        problem.GetProperty("available").GetInt64().ShouldBe(2);
    }

    [Fact]
    public async Task a_total_the_provider_cannot_charge_is_amount_out_of_range_with_maximum()
    {
        var sku = await api.AddProductAsync(price: 60_000_000);

        var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)));

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "amount-out-of-range");
        problem.GetProperty("maximum").GetInt64().ShouldBe(99_999_999);
        (await api.Client.AvailableAsync(sku)).ShouldBe(10);
    }

    [Fact]
    public async Task every_broken_rule_is_reported_at_its_path()
    {
        var body = new JsonObject
        {
            ["items"] = new JsonArray(new JsonObject { ["sku"] = "TEA-1", ["quantity"] = 0 }, new JsonObject { ["quantity"] = 1 }),
            ["email"] = "not an e-mail",
            ["shipping"] = new JsonObject { ["name"] = "Kim" },
        };

        var response = await api.Client.CheckoutAsync(body);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        problem.ErrorKeys().ShouldBeSubsetOf(["items[0].quantity", "items[1].sku", "email", "shipping.line1", "shipping.city", "shipping.country", "shipping.postalCode"]);
        problem.ErrorKeys().ShouldContain("items[0].quantity");
        problem.ErrorKeys().ShouldContain("items[1].sku");
        problem.ErrorKeys().ShouldContain("email");
        problem.ErrorKeys().ShouldContain("shipping.line1");
    }

    [Theory]
    [InlineData("""{"items":[{"sku":"TEA-1","quantity":"2"}]}""", "items[0].quantity")]
    [InlineData("""{"items":[{"sku":"TEA-1","quantity":1.5}]}""", "items[0].quantity")]
    [InlineData("""{"items":[{"sku":7,"quantity":1}]}""", "items[0].sku")]
    [InlineData("""{"items":{"sku":"TEA-1"}}""", "items")]
    [InlineData("""{"email":["a@b.example"]}""", "email")]
    [InlineData("""{"shipping":"Seoul"}""", "shipping")]
    [InlineData("""{"items":[{"sku":"TEA-1","quantity":99999999999999999999999}]}""", "items[0].quantity")]
    public async Task a_value_of_the_wrong_type_is_reported_at_its_path(string json, string path)
    {
        var response = await api.Client.PostAsync("/api/checkout", Http.Json(json), Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        problem.ErrorKeys().ShouldBe([path]);
        problem.ToString().ShouldNotContain("System.");
        problem.ToString().ShouldNotContain("$.");
    }

    [Theory]
    [InlineData("")]
    [InlineData("null")]
    [InlineData("[]")]
    [InlineData("{")]
    [InlineData("{\"items\": [}")]
    [InlineData("""{"email":"a@b.example","email":"c@d.example"}""")]
    [InlineData("""{"price":1,"price":2}""")]
    [InlineData("""{"items":[{"sku":"A","sku":"B","quantity":1}]}""")]
    public async Task malformed_or_ambiguous_json_is_invalid_request(string json)
    {
        var response = await api.Client.PostAsync("/api/checkout", Http.Json(json), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task an_unreachable_provider_is_503_keeps_nothing_and_the_same_key_runs_again()
    {
        var sku = await api.AddProductAsync(stock: 4);
        var key = Guid.NewGuid().ToString();
        api.Sandbox.Outage = true;
        HttpResponseMessage failed;
        try
        {
            failed = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key);
        }
        finally
        {
            api.Sandbox.Outage = false;
        }

        await failed.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "payment-provider-unavailable");
        (await api.Client.AvailableAsync(sku)).ShouldBe(4);
        var retried = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key);
        retried.StatusCode.ShouldBe(HttpStatusCode.Created);
        retried.Header("Idempotent-Replayed").ShouldBeNull();
        (await api.Client.AvailableAsync(sku)).ShouldBe(3);
    }
}
