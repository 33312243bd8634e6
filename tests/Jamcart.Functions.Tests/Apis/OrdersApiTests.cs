using System.Net;
using System.Text.Json;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>A buyer's order through HTTP: read with its token, paid in the browser, confirmed, canceled.</summary>
public abstract class OrdersApiTests(ApiFixture api)
{
    public sealed class OnSqlite(SqliteApi api) : OrdersApiTests(api), IClassFixture<SqliteApi>;

    public sealed class OnPostgres(PostgresApi api) : OrdersApiTests(api), IClassFixture<PostgresApi>;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task the_order_is_read_with_its_token_email_masked_and_payment_while_pending()
    {
        var sku = await api.AddProductAsync();
        var placed = await api.Client.PlaceOrderAsync(sku);

        var response = await api.Client.GetOrderAsync(Id(placed), Token(placed));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.CacheControl.ShouldNotBeNull().NoStore.ShouldBeTrue();
        var order = await response.JsonAsync();
        order.EnumerateObject().Select(member => member.Name).ShouldBe(
        [
            "orderId", "status", "currency", "lines", "subtotal", "shipping", "discount", "tax", "taxInclusive", "total",
            "email", "createdAt", "paidAt", "reservedUntil", "lastPaymentError", "refundedAmount", "statusReason", "payment",
        ]);
        order.GetProperty("email").GetString().ShouldBe("b****@example.com");
        order.GetProperty("reservedUntil").GetString().ShouldBe(placed.GetProperty("reservedUntil").GetString(), "the same instant, written the same way");
        order.GetProperty("paidAt").ValueKind.ShouldBe(JsonValueKind.Null);
        order.GetProperty("payment").GetProperty("clientSecret").GetString().ShouldBe(placed.GetProperty("payment").GetProperty("clientSecret").GetString());
        order.GetProperty("payment").GetProperty("scriptUrl").GetString().ShouldBe(placed.GetProperty("payment").GetProperty("scriptUrl").GetString());
        order.TryGetProperty("orderToken", out _).ShouldBeFalse();
        order.TryGetProperty("shippingAddress", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task a_wrong_or_missing_token_answers_exactly_like_an_unknown_order()
    {
        var sku = await api.AddProductAsync();
        var placed = await api.Client.PlaceOrderAsync(sku);

        var answers = new List<HttpResponseMessage>
        {
            await api.Client.GetOrderAsync(Id(placed), "wrong-token"),
            await api.Client.GetOrderAsync(Id(placed), null),
            await api.Client.GetOrderAsync("ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", Token(placed)),
            await api.Client.GetOrderAsync("not-an-order-id", Token(placed)),
            // The token is read from the header only; a query parameter is never looked at.
            await api.Client.GetAsync($"/api/orders/{Id(placed)}?orderToken={Token(placed)}&token={Token(placed)}", Ct),
            await api.Client.OrderActionAsync(Id(placed), "wrong-token", "confirm"),
            await api.Client.OrderActionAsync(Id(placed), "wrong-token", "cancel"),
        };

        var bodies = new List<string>();
        foreach (var answer in answers)
        {
            var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "order-not-found");
            bodies.Add(string.Join(",", problem.EnumerateObject().Where(member => member.Name is not ("traceId" or "instance")).Select(member => member.ToString())));

            // HTTP lets a cache keep a 404: one kept for a request without the token must never reach the buyer.
            answer.Headers.CacheControl.ShouldNotBeNull(answer.RequestMessage!.RequestUri!.ToString()).NoStore.ShouldBeTrue();
            if (answer.RequestMessage!.Method == HttpMethod.Get)
            {
                answer.Headers.Select(header => header.Key).Order().ShouldBe(answers[0].Headers.Select(header => header.Key).Order());
            }
        }

        bodies.Distinct().Count().ShouldBe(1);
        (await api.Client.GetOrderAsync(Id(placed), Token(placed))).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task a_wrong_token_and_an_unknown_order_answer_alike_with_no_server_timing()
    {
        var sku = await api.AddProductAsync();
        var checkout = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)));
        checkout.StatusCode.ShouldBe(HttpStatusCode.Created);
        checkout.Header("Server-Timing").ShouldNotBeNull("a successful answer keeps its timing");
        var placed = await checkout.JsonAsync();
        const string Unknown = "ord_aaaaaaaaaaaaaaaaaaaaaaaaaa";

        foreach (var action in new[] { "", "confirm", "cancel" })
        {
            var send = action.Length == 0
                ? (Func<string, string, Task<HttpResponseMessage>>)((id, token) => api.Client.GetOrderAsync(id, token))
                : (id, token) => api.Client.OrderActionAsync(id, token, action);
            var wrongToken = await send(Id(placed), "wrong-token");
            var unknownOrder = await send(Unknown, Token(placed));

            var answers = new[] { wrongToken, unknownOrder };
            var bodies = new List<string>();
            foreach (var answer in answers)
            {
                var problem = await answer.ShouldBeProblemAsync(HttpStatusCode.NotFound, "order-not-found");
                bodies.Add(string.Join(",", problem.EnumerateObject().Where(member => member.Name is not ("traceId" or "instance")).Select(member => member.ToString())));
                answer.Header("Server-Timing").ShouldBeNull($"{answer.RequestMessage!.Method} {answer.RequestMessage.RequestUri} carries no timing");
            }

            bodies[0].ShouldBe(bodies[1]);
            HeaderNames(wrongToken).ShouldBe(HeaderNames(unknownOrder), $"the headers of {(action.Length == 0 ? "GET" : action)}");
        }
    }

    [Fact]
    public async Task a_purchase_through_http_checkout_pay_in_the_browser_confirm_paid()
    {
        var sku = await api.AddProductAsync(stock: 3);
        var placed = await api.Client.PlaceOrderAsync(sku, 2);

        (await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"))).ShouldBe("succeeded");
        var confirmed = await api.Client.OrderActionAsync(Id(placed), Token(placed), "confirm");

        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        confirmed.Header("Server-Timing")!.ShouldMatch(@"^db;dur=[\d.]+, provider;dur=[\d.]+, app;dur=[\d.]+$");
        (await confirmed.JsonAsync()).GetProperty("status").GetString().ShouldBe("paid");
        var order = await (await api.Client.GetOrderAsync(Id(placed), Token(placed))).JsonAsync();
        order.GetProperty("status").GetString().ShouldBe("paid");
        order.GetProperty("paidAt").GetString().ShouldNotBeNullOrEmpty();
        order.TryGetProperty("payment", out _).ShouldBeFalse();
        (await api.Client.AvailableAsync(sku)).ShouldBe(1);

        // Confirming again is harmless.
        var again = await api.Client.OrderActionAsync(Id(placed), Token(placed), "confirm");
        (await again.JsonAsync()).GetProperty("status").GetString().ShouldBe("paid");
        (await api.Client.AvailableAsync(sku)).ShouldBe(1);
    }

    [Fact]
    public async Task a_declined_card_leaves_the_order_payable_with_the_reason()
    {
        var sku = await api.AddProductAsync();
        var placed = await api.Client.PlaceOrderAsync(sku);

        (await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"), SandboxBrowser.Declined)).ShouldBe("card_declined");
        var confirmed = await (await api.Client.OrderActionAsync(Id(placed), Token(placed), "confirm")).JsonAsync();

        confirmed.GetProperty("status").GetString().ShouldBe("pending_payment");
        confirmed.GetProperty("lastPaymentError").GetProperty("code").GetString().ShouldBe("card_declined");
        confirmed.GetProperty("payment").GetProperty("clientSecret").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task cancel_releases_the_stock_and_a_paid_order_cannot_be_canceled()
    {
        var sku = await api.AddProductAsync(stock: 2);
        var pending = await api.Client.PlaceOrderAsync(sku);
        var paid = await api.Client.PlaceOrderAsync(sku);
        await SandboxBrowser.PayAsync(api.Sandbox, paid.GetProperty("payment"));
        (await api.Client.OrderActionAsync(Id(paid), Token(paid), "confirm")).StatusCode.ShouldBe(HttpStatusCode.OK);

        var canceled = await api.Client.SendAsync(HttpMethod.Post, $"/api/orders/{Id(pending)}/cancel", Http.Json("{}"), ("X-Order-Token", Token(pending)));
        var refused = await api.Client.OrderActionAsync(Id(paid), Token(paid), "cancel");

        canceled.StatusCode.ShouldBe(HttpStatusCode.OK);
        var order = await canceled.JsonAsync();
        order.GetProperty("status").GetString().ShouldBe("canceled");
        order.TryGetProperty("payment", out _).ShouldBeFalse();
        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "order-state-conflict");
        (await api.Client.AvailableAsync(sku)).ShouldBe(1);
    }

    [Theory]
    [InlineData("[]")]
    [InlineData("\"confirm\"")]
    [InlineData("{")]
    public async Task confirm_takes_no_body_or_an_object(string body)
    {
        var sku = await api.AddProductAsync();
        var placed = await api.Client.PlaceOrderAsync(sku);

        var response = await api.Client.SendAsync(HttpMethod.Post, $"/api/orders/{Id(placed)}/confirm", Http.Json(body), ("X-Order-Token", Token(placed)));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task logs_name_orders_by_id_and_never_hold_tokens_secrets_or_addresses()
    {
        var sku = await api.AddProductAsync();
        var placed = await api.Client.PlaceOrderAsync(sku);
        await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"));
        await api.Client.OrderActionAsync(Id(placed), Token(placed), "confirm");
        await api.AdminClient().GetAsync($"/api/admin/orders/{Id(placed)}", Ct);

        var logs = string.Join("\n", api.Logs.Lines);
        logs.ShouldContain(Id(placed));
        logs.ShouldNotContain(Token(placed));
        logs.ShouldNotContain(placed.GetProperty("payment").GetProperty("clientSecret").GetString()!);
        logs.ShouldNotContain(Buyer.Email);
        logs.ShouldNotContain("Sejong-daero");
        logs.ShouldNotContain(api.Sandbox.SecretKey);
        logs.ShouldNotContain(api.Sandbox.WebhookSecret);
        logs.ShouldNotContain(ApiFixture.AdminKey);
        logs.ShouldNotContain(SandboxBrowser.Succeeds);
        // The database driver's own lines are only its warnings and errors, not every statement the checkout ran.
        api.Logs.Lines.ShouldNotContain(line => line.StartsWith("Information Npgsql", StringComparison.Ordinal) || line.StartsWith("Debug Npgsql", StringComparison.Ordinal));
    }

    private static string[] HeaderNames(HttpResponseMessage response) =>
        [.. response.Headers.Concat(response.Content.Headers).Select(header => header.Key).Order(StringComparer.OrdinalIgnoreCase)];

    private static string Id(JsonElement placed) => placed.GetProperty("orderId").GetString()!;

    private static string Token(JsonElement placed) => placed.GetProperty("orderToken").GetString()!;
}
