using System.Net;
using System.Net.Http.Headers;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Apis;

/// <summary>The shop's API: the admin key, order lists and views, refunds, stock.</summary>
public abstract class AdminApiTests(ApiFixture api)
{
    public sealed class OnSqlite(SqliteApi api) : AdminApiTests(api), IClassFixture<SqliteApi>;

    public sealed class OnPostgres(PostgresApi api) : AdminApiTests(api), IClassFixture<PostgresApi>;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(null)]
    [InlineData("Bearer wrong-key")]
    [InlineData("Bearer " + ApiFixture.AdminKey + "x")]
    [InlineData("Basic " + ApiFixture.AdminKey)]
    [InlineData(ApiFixture.AdminKey)]
    public async Task without_the_admin_key_every_admin_route_is_unauthorized(string? authorization)
    {
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Get, "/api/admin/orders"),
            (HttpMethod.Get, "/api/admin/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa"),
            (HttpMethod.Post, "/api/admin/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa/refund"),
            (HttpMethod.Put, "/api/admin/stock/TEA-1"),
        })
        {
            var response = await api.Client.SendAsync(method, path, Http.Json("""{"onHand":1}"""), authorization is null ? [] : [("Authorization", authorization)]);

            await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
            response.Headers.WwwAuthenticate.ShouldBe([new AuthenticationHeaderValue("Bearer")]);
        }
    }

    private static readonly Dictionary<string, Func<(HttpContent? Body, (string Name, string Value)[] Headers)>> RefusedRequests = new()
    {
        ["a body that is not application/json"] = () => (Http.Json("""{"onHand":1}""", "text/plain"), []),
        ["a body over the limit"] = () => (Http.Json($$"""{"onHand":1,"note":"{{new string('x', 70 * 1024)}}"}"""), []),
        ["malformed JSON"] = () => (Http.Json("""{"onHand":"""), []),
        ["a member named twice"] = () => (Http.Json("""{"onHand":1,"onHand":2}"""), []),
        ["values of the wrong type"] = () => (Http.Json("""{"onHand":"many","amount":"all"}"""), []),
        ["a compressed body"] = () =>
        {
            var body = Http.Json("""{"onHand":1}""");
            body.Headers.ContentEncoding.Add("gzip");
            return (body, []);
        },
        ["an Idempotency-Key too long"] = () => (Http.Json("""{"onHand":1}"""), [("Idempotency-Key", new string('k', 256))]),
    };

    // Routing's own refusals (405 for a method the route lacks, 404 for no route) are among them: they too would tell.
    public static TheoryData<string, string, string> RefusedAdminRequests()
    {
        var cases = new TheoryData<string, string, string>();
        foreach (var kind in RefusedRequests.Keys)
        {
            foreach (var route in new[]
            {
                "POST /api/admin/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa/refund", "PUT /api/admin/stock/TEA-1", "POST /api/admin/maintenance",
                "PUT /api/admin/orders", "GET /api/admin/orders?limit=ten", "POST /api/admin/no-such-route",
            })
            {
                cases.Add(kind, route, "");
                cases.Add(kind, route, "Bearer wrong-key");
            }
        }

        return cases;
    }

    [Theory]
    [MemberData(nameof(RefusedAdminRequests))]
    public async Task without_the_admin_key_a_request_wrong_in_any_other_way_too_is_unauthorized(string kind, string route, string authorization)
    {
        var (body, headers) = RefusedRequests[kind]();
        var method = new HttpMethod(route[..route.IndexOf(' ', StringComparison.Ordinal)]);
        (string, string)[] sent = authorization.Length == 0 ? headers : [.. headers, ("Authorization", authorization)];

        var response = await api.Client.SendAsync(method, route[(route.IndexOf(' ', StringComparison.Ordinal) + 1)..], body, sent);

        await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        response.Headers.WwwAuthenticate.ShouldBe([new AuthenticationHeaderValue("Bearer")]);
    }

    [Fact]
    public async Task without_the_admin_key_a_reused_idempotency_key_is_unauthorized_not_unprocessable()
    {
        var sku = await api.AddProductAsync(stock: 5);
        var path = $"/api/admin/stock/{sku}";
        var first = await api.AdminClient().SendAsync(HttpMethod.Put, path, Http.Json("""{"onHand":7}"""), ("Idempotency-Key", "count-7-" + sku));

        var reused = await api.Client.SendAsync(HttpMethod.Put, path, Http.Json("""{"onHand":8}"""), ("Idempotency-Key", "count-7-" + sku));
        var replayed = await api.Client.SendAsync(HttpMethod.Put, path, Http.Json("""{"onHand":7}"""), ("Idempotency-Key", "count-7-" + sku));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        await reused.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
        await replayed.ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task orders_are_listed_newest_first_a_page_at_a_time()
    {
        var sku = await api.AddProductAsync(stock: 10);
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await api.Client.PlaceOrderAsync(sku)).GetProperty("orderId").GetString()!);
            await Task.Delay(5, Ct);
        }

        using var admin = api.AdminClient();
        var first = await (await admin.GetAsync("/api/admin/orders?limit=2&status=pending_payment", Ct)).JsonAsync();
        var second = await (await admin.GetAsync("/api/admin/orders?limit=2&status=pending_payment&cursor=" + first.GetProperty("nextCursor").GetString(), Ct)).JsonAsync();

        var listed = first.GetProperty("items").EnumerateArray().Concat(second.GetProperty("items").EnumerateArray())
            .Select(order => order.GetProperty("orderId").GetString()).ToList();
        listed[0].ShouldBe(ids[2]);
        listed.IndexOf(ids[2]).ShouldBeLessThan(listed.IndexOf(ids[1]));
        listed.IndexOf(ids[1]).ShouldBeLessThan(listed.IndexOf(ids[0]));
        var item = first.GetProperty("items")[0];
        item.GetProperty("email").GetString().ShouldBe(Buyer.Email);
        item.GetProperty("shippingAddress").GetProperty("city").GetString().ShouldBe("Seoul");
        (item.TryGetProperty("refunds", out _), item.TryGetProperty("disputes", out _)).ShouldBe((false, false), "lists leave them out");
        item.TryGetProperty("payment", out _).ShouldBeFalse();
    }

    [Theory]
    [InlineData("limit=0", "limit")]
    [InlineData("limit=101", "limit")]
    [InlineData("limit=ten", "limit")]
    [InlineData("status=shipped", "status")]
    [InlineData("cursor=not-a-cursor", "cursor")]
    public async Task a_bad_list_parameter_is_invalid_request_on_it(string query, string parameter)
    {
        var response = await api.AdminClient().GetAsync("/api/admin/orders?" + query, Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        problem.ErrorKeys().ShouldBe([parameter]);
    }

    [Fact]
    public async Task an_order_shows_its_full_email_address_and_refunds_and_can_be_refunded_in_parts()
    {
        var (id, total, _) = await PaidOrderAsync();
        using var admin = api.AdminClient();

        var shown = await (await admin.GetAsync($"/api/admin/orders/{id}", Ct)).JsonAsync();
        var partial = await admin.SendAsync(HttpMethod.Post, $"/api/admin/orders/{id}/refund", Http.Json("""{"amount":1000}"""), ("Idempotency-Key", "refund-1"));
        var replay = await admin.SendAsync(HttpMethod.Post, $"/api/admin/orders/{id}/refund", Http.Json("""{ "amount" : 1000 }"""), ("Idempotency-Key", "refund-1"));
        var tooMuch = await admin.PostAsync($"/api/admin/orders/{id}/refund", Http.Json($$"""{"amount":{{total}}}"""), Ct);
        var nullAmount = await admin.PostAsync($"/api/admin/orders/{id}/refund", Http.Json("""{"amount":null}"""), Ct);
        var rest = await admin.PostAsync($"/api/admin/orders/{id}/refund", null, Ct);
        var none = await admin.PostAsync($"/api/admin/orders/{id}/refund", Http.Json("{}"), Ct);

        shown.EnumerateObject().Select(member => member.Name).ShouldBe(
        [
            "orderId", "status", "currency", "lines", "subtotal", "shipping", "discount", "tax", "taxInclusive", "total",
            "email", "createdAt", "paidAt", "reservedUntil", "lastPaymentError", "refundedAmount", "statusReason", "shippingAddress", "refunds",
            "disputes",
        ]);
        shown.GetProperty("email").GetString().ShouldBe(Buyer.Email);
        shown.GetProperty("shippingAddress").GetProperty("postalCode").GetString().ShouldBe("04524");
        shown.GetProperty("refunds").GetArrayLength().ShouldBe(0);
        shown.GetProperty("disputes").GetArrayLength().ShouldBe(0);
        partial.StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterPartial = await partial.JsonAsync();
        afterPartial.GetProperty("status").GetString().ShouldBe("partially_refunded");
        afterPartial.GetProperty("refundedAmount").GetInt64().ShouldBe(1000);
        afterPartial.GetProperty("refunds")[0].EnumerateObject().Select(member => member.Name).ShouldBe(["id", "amount", "createdAt", "status", "failureReason"]);
        afterPartial.GetProperty("refunds")[0].GetProperty("status").GetString().ShouldBe("succeeded");
        replay.Header("Idempotent-Replayed").ShouldBe("true");
        (await replay.Content.ReadAsStringAsync(Ct)).ShouldBe(await partial.Content.ReadAsStringAsync(Ct));
        (await tooMuch.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request")).ErrorKeys().ShouldBe(["amount"]);
        (await nullAmount.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request")).ErrorKeys().ShouldBe(["amount"], "null is not leaving it out");
        var refunded = await rest.JsonAsync();
        refunded.GetProperty("status").GetString().ShouldBe("refunded");
        refunded.GetProperty("refundedAmount").GetInt64().ShouldBe(total);
        refunded.GetProperty("refunds").GetArrayLength().ShouldBe(2);
        await none.ShouldBeProblemAsync(HttpStatusCode.Conflict, "order-state-conflict");
    }

    [Theory]
    [InlineData("", "{}")]
    [InlineData("{}", "")]
    [InlineData("", " { } ")]
    public async Task an_empty_refund_body_and_an_empty_object_are_one_request_under_one_idempotency_key(string first, string second)
    {
        var (id, total, intentId) = await PaidOrderAsync();
        using var admin = api.AdminClient();
        var path = $"/api/admin/orders/{id}/refund";

        var made = await admin.SendAsync(HttpMethod.Post, path, first.Length == 0 ? null : Http.Json(first), ("Idempotency-Key", "refund-rest"));
        var retried = await admin.SendAsync(HttpMethod.Post, path, second.Length == 0 ? null : Http.Json(second), ("Idempotency-Key", "refund-rest"));
        var asNull = await admin.SendAsync(HttpMethod.Post, path, Http.Json("null"), ("Idempotency-Key", "refund-null"));

        // Both mean "refund what is left": the retry is answered with the first refund, not refused as another request.
        made.StatusCode.ShouldBe(HttpStatusCode.OK);
        retried.StatusCode.ShouldBe(HttpStatusCode.OK, await retried.Content.ReadAsStringAsync(Ct));
        retried.Header("Idempotent-Replayed").ShouldBe("true");
        (await retried.Content.ReadAsStringAsync(Ct)).ShouldBe(await made.Content.ReadAsStringAsync(Ct));
        (await RefundedAtProviderAsync(intentId)).ShouldBe(total);
        (await asNull.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request")).ErrorKeys().ShouldBe([""]);
    }

    [Theory]
    [InlineData("null")]
    [InlineData(" null ")]
    public async Task a_refund_body_that_is_json_null_is_refused_and_gives_nothing_back(string body)
    {
        var (id, _, intentId) = await PaidOrderAsync();
        using var admin = api.AdminClient();

        var response = await admin.PostAsync($"/api/admin/orders/{id}/refund", Http.Json(body), Ct);

        // A client that serialised a missing request object sends null: like "amount": null, it is no wish to give
        // the whole payment back, which only an empty body (or {}) says.
        (await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request")).ErrorKeys().ShouldBe([""]);
        (await RefundedAtProviderAsync(intentId)).ShouldBe(0);
        var shown = await (await admin.GetAsync($"/api/admin/orders/{id}", Ct)).JsonAsync();
        shown.GetProperty("status").GetString().ShouldBe("paid");
        shown.GetProperty("refundedAmount").GetInt64().ShouldBe(0);
    }

    [Fact]
    public async Task two_refunds_sent_at_once_are_never_both_answered_when_the_provider_made_one()
    {
        var (id, _, intentId) = await PaidOrderAsync();
        using var admin = api.AdminClient();
        var refund = () => admin.PostAsync($"/api/admin/orders/{id}/refund", Http.Json("""{"amount":1000}"""), Ct);

        // The order held by another write once the first request has written down its attempt and is asking the (slow)
        // provider: it makes its refund and waits to record it, so the second counts the same recorded refunds, derives
        // the same key, and is handed the same refund (found by the first one's attempt among the payment's refunds).
        Task<HttpResponseMessage> first, second;
        api.Sandbox.Latency = TimeSpan.FromMilliseconds(400);
        try
        {
            first = refund();
            await WaitUntilAsync(async () => (await api.Store.GetRefundAttemptsAsync(id, Ct)).Count == 1);
            await using var holder = await api.Store.BeginAsync(Ct);
            (await holder.GetOrderForUpdateAsync(id, Ct)).ShouldNotBeNull();
            await WaitUntilAsync(async () => await RefundedAtProviderAsync(intentId) == 1000);
            second = refund();
            await Task.Delay(500, Ct);
        }
        finally
        {
            api.Sandbox.Latency = TimeSpan.Zero;
        }

        var answers = await Task.WhenAll(first, second);

        (await RefundedAtProviderAsync(intentId)).ShouldBe(1000);
        answers.Count(answer => answer.StatusCode == HttpStatusCode.OK).ShouldBe(1);
        var collided = await answers.Single(answer => answer.StatusCode != HttpStatusCode.OK).ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        collided.GetProperty("detail").GetString().ShouldBe("The request collided with another one and nothing was kept; retry it.");
        var shown = await (await admin.GetAsync($"/api/admin/orders/{id}", Ct)).JsonAsync();
        shown.GetProperty("refunds").GetArrayLength().ShouldBe(1);
        shown.GetProperty("refundedAmount").GetInt64().ShouldBe(1000);

        // Sent again, the collided request counts the first refund and makes its own.
        (await (await refund()).JsonAsync()).GetProperty("refundedAmount").GetInt64().ShouldBe(2000);
        (await RefundedAtProviderAsync(intentId)).ShouldBe(2000);
    }

    [Fact]
    public async Task a_refund_of_a_payment_the_provider_does_not_know_is_a_conflict_that_says_so_plainly()
    {
        var (id, _, _) = await PaidOrderAsync();
        var unknown = "pi_" + Guid.NewGuid().ToString("N")[..24];
        var order = (await api.Store.GetOrderAsync(id, Ct))!;
        (await api.Store.TryUpdateOrderAsync(order with { PaymentId = unknown }, Ct)).ShouldBeTrue();
        using var admin = api.AdminClient();

        var refused = await admin.PostAsync($"/api/admin/orders/{id}/refund", Http.Json("{}"), Ct);

        var detail = (await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "order-state-conflict")).GetProperty("detail").GetString()!;
        detail.ShouldStartWith("The payment provider does not know this order's payment, so nothing was refunded");
        detail.ShouldNotContain("resource_missing");
        detail.ShouldNotContain(unknown);
    }

    [Fact]
    public async Task an_unpaid_order_cannot_be_refunded_and_an_unknown_one_is_not_found()
    {
        var sku = await api.AddProductAsync();
        var pending = (await api.Client.PlaceOrderAsync(sku)).GetProperty("orderId").GetString();
        using var admin = api.AdminClient();

        var refused = await admin.PostAsync($"/api/admin/orders/{pending}/refund", Http.Json("{}"), Ct);
        var unknown = await admin.GetAsync("/api/admin/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", Ct);

        await refused.ShouldBeProblemAsync(HttpStatusCode.Conflict, "order-state-conflict");
        (await unknown.ShouldBeProblemAsync(HttpStatusCode.NotFound, "order-not-found")).GetProperty("detail").GetString().ShouldBe("There is no order with this id.");
    }

    [Fact]
    public async Task stock_is_set_and_answered_with_what_is_reserved_and_available()
    {
        var sku = await api.AddProductAsync(stock: 5);
        await api.Client.PlaceOrderAsync(sku, 2);
        using var admin = api.AdminClient();

        var response = await admin.PutAsync($"/api/admin/stock/{sku}", Http.Json("""{"onHand":25}"""), Ct);
        var below = await admin.PutAsync($"/api/admin/stock/{sku}", Http.Json("""{"onHand":1}"""), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe($$"""{"sku":"{{sku}}","onHand":25,"reserved":2,"available":23}""");
        (await below.JsonAsync()).GetProperty("available").GetInt64().ShouldBe(0);
        (await api.Client.AvailableAsync(sku)).ShouldBe(0);
    }

    [Fact]
    public async Task a_stock_update_delivered_again_late_with_its_key_is_replayed_not_applied_over_a_later_one()
    {
        var sku = await api.AddProductAsync(stock: 5);
        using var admin = api.AdminClient();
        var path = $"/api/admin/stock/{sku}";

        var first = await admin.SendAsync(HttpMethod.Put, path, Http.Json("""{"onHand":25}"""), ("Idempotency-Key", "count-25"));
        var later = await admin.SendAsync(HttpMethod.Put, path, Http.Json("""{"onHand":30}"""), ("Idempotency-Key", "count-30"));
        // The network delivers the first request a second time, after the later one.
        var duplicate = await admin.SendAsync(HttpMethod.Put, path, Http.Json("""{ "onHand": 25 }"""), ("Idempotency-Key", "count-25"));

        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        later.StatusCode.ShouldBe(HttpStatusCode.OK);
        await duplicate.ShouldReplayAsync(first);
        (await api.Client.AvailableAsync(sku)).ShouldBe(30, "the later count stands");
        await (await admin.SendAsync(HttpMethod.Put, path, Http.Json("""{"onHand":26}"""), ("Idempotency-Key", "count-25")))
            .ShouldBeProblemAsync((HttpStatusCode)422, "idempotency-key-reused");
    }

    [Fact]
    public async Task stock_of_a_product_gone_from_the_store_is_not_found_and_left_as_it_was()
    {
        var sku = await api.AddProductAsync(stock: 5);
        var draft = await api.AddProductAsync(stock: 5, draft: true);
        await api.RemoveProductAsync(sku);
        using var admin = api.AdminClient();

        var removed = await admin.PutAsync($"/api/admin/stock/{sku}", Http.Json("""{"onHand":25}"""), Ct);
        var drafted = await admin.PutAsync($"/api/admin/stock/{draft}", Http.Json("""{"onHand":25}"""), Ct);

        (await removed.ShouldBeProblemAsync(HttpStatusCode.NotFound, "unknown-sku")).GetProperty("sku").GetString().ShouldBe(sku);
        (await api.Store.GetInventoryAsync([sku], DateTimeOffset.UtcNow, Ct))[sku].OnHand.ShouldBe(5);
        drafted.StatusCode.ShouldBe(HttpStatusCode.OK, "a draft's stock is set ahead of its launch");
    }

    [Theory]
    [InlineData("NO-SUCH-TEA", """{"onHand":3}""", HttpStatusCode.NotFound, "unknown-sku")]
    [InlineData("TEA-0001", "{}", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("TEA-0001", """{"onHand":-1}""", HttpStatusCode.BadRequest, "invalid-request")]
    [InlineData("TEA-0001", """{"onHand":"3"}""", HttpStatusCode.BadRequest, "invalid-request")]
    public async Task bad_stock_updates_are_refused(string sku, string body, HttpStatusCode status, string problem)
    {
        await api.AddProductAsync(sku: api.NewSku());

        var response = await api.AdminClient().PutAsync($"/api/admin/stock/{sku}", Http.Json(body), Ct);

        await response.ShouldBeProblemAsync(status, problem);
    }

    private async Task<(string Id, long Total, string IntentId)> PaidOrderAsync()
    {
        var sku = await api.AddProductAsync();
        var placed = await api.Client.PlaceOrderAsync(sku);
        var id = placed.GetProperty("orderId").GetString()!;
        await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"));
        var confirmed = await (await api.Client.OrderActionAsync(id, placed.GetProperty("orderToken").GetString(), "confirm")).JsonAsync();
        confirmed.GetProperty("status").GetString().ShouldBe("paid");
        var clientSecret = placed.GetProperty("payment").GetProperty("clientSecret").GetString()!;
        return (id, confirmed.GetProperty("total").GetInt64(), clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)]);
    }

    /// <summary>What the provider itself says was refunded of the payment.</summary>
    private async Task<long> RefundedAtProviderAsync(string intentId)
    {
        using var http = new HttpClient { BaseAddress = api.Sandbox.BaseUrl };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", api.Sandbox.SecretKey);
        var intent = await (await http.GetAsync($"v1/payment_intents/{intentId}?expand[]=latest_charge", Ct)).JsonAsync();
        return intent.GetProperty("latest_charge").GetProperty("amount_refunded").GetInt64();
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        for (var tries = 0; !await condition(); tries++)
        {
            tries.ShouldBeLessThan(100, "the condition did not come true within 10 s");
            await Task.Delay(100, Ct);
        }
    }
}
