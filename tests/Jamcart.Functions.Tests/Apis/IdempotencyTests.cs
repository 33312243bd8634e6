using System.Net;
using System.Text;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Apis;

/// <summary><c>Idempotency-Key</c> on checkout and refunds: one effect per key, the first answer replayed byte for byte.</summary>
public abstract class IdempotencyTests(ApiFixture api)
{
    public sealed class OnSqlite(SqliteApi api) : IdempotencyTests(api), IClassFixture<SqliteApi>;

    public sealed class OnPostgres(PostgresApi api) : IdempotencyTests(api), IClassFixture<PostgresApi>;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task same_key_and_equal_body_replays_the_exact_answer_and_reserves_nothing_more()
    {
        var sku = await api.AddProductAsync(stock: 5);
        var key = Guid.NewGuid().ToString();
        var first = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);
        var firstBytes = await first.Content.ReadAsByteArrayAsync(Ct);

        // The same request written differently: members reordered, other whitespace.
        var body = Buyer.CheckoutBody((sku, 2));
        var reordered = "{ \"locale\" : \"ko\",\n \"shipping\": " + body["shipping"]!.ToJsonString() + ", \"email\": \"buyer@example.com\", \"items\": [ { \"quantity\": 2, \"sku\": \"" + sku + "\" } ] }";
        var second = await api.Client.SendAsync(HttpMethod.Post, "/api/checkout", Http.Json(reordered), ("Idempotency-Key", key));

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        first.Header("Idempotent-Replayed").ShouldBeNull();
        second.StatusCode.ShouldBe(HttpStatusCode.Created);
        second.Header("Idempotent-Replayed").ShouldBe("true");
        second.Content.Headers.ContentType!.ToString().ShouldBe(first.Content.Headers.ContentType!.ToString());
        (await second.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(firstBytes);
        (await api.Client.AvailableAsync(sku)).ShouldBe(3);
    }

    [Fact]
    public async Task an_order_placed_with_a_key_has_its_payment_and_is_paid_and_confirmed_like_any_other()
    {
        var sku = await api.AddProductAsync(stock: 5);
        var key = Guid.NewGuid().ToString();

        var placed = await (await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key)).JsonAsync();
        var id = placed.GetProperty("orderId").GetString()!;
        await SandboxBrowser.PayAsync(api.Sandbox, placed.GetProperty("payment"));
        var confirmed = await (await api.Client.OrderActionAsync(id, placed.GetProperty("orderToken").GetString(), "confirm")).JsonAsync();

        // Confirm finds the payment through the order, so the attachment held back for the answer was committed.
        confirmed.GetProperty("status").GetString().ShouldBe("paid");
        (await api.Client.AvailableAsync(sku)).ShouldBe(4);
    }

    [Fact]
    public async Task a_refusal_is_replayed_too()
    {
        var sku = await api.AddProductAsync(stock: 1);
        var key = Guid.NewGuid().ToString();

        var first = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);
        (await api.AdminClient().PutAsync($"/api/admin/stock/{sku}", Http.Json("""{"onHand":10}"""), Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var second = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);

        await first.ShouldBeProblemAsync(HttpStatusCode.Conflict, "out-of-stock");
        await second.ShouldReplayAsync(first);
    }

    [Fact]
    public async Task same_key_with_another_body_is_idempotency_key_reused()
    {
        var sku = await api.AddProductAsync(stock: 5);
        var key = Guid.NewGuid().ToString();
        (await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var response = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);

        await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity, "idempotency-key-reused");
        (await api.Client.AvailableAsync(sku)).ShouldBe(4);
    }

    [Fact]
    public async Task same_key_while_the_first_runs_is_idempotency_in_progress()
    {
        var sku = await api.AddProductAsync(stock: 5);

        var (_, first, second) = await CheckoutTwiceWhileTheFirstRunsAsync(sku, 5);

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "idempotency-in-progress");
        (await first).StatusCode.ShouldBe(HttpStatusCode.Created);
        (await api.Client.AvailableAsync(sku)).ShouldBe(4);
    }

    [Fact]
    public async Task a_retry_after_its_order_took_the_last_units_replays_the_order_not_a_refusal()
    {
        // The checkout claims its key with the order's transaction, so a retry runs until it finds the key taken: here
        // it is refused for stock before that, and the refusal must not replace the answer the key already has.
        var sku = await api.AddProductAsync(stock: 2);
        var key = Guid.NewGuid().ToString();
        var first = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);

        var retry = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 2)), key);

        first.StatusCode.ShouldBe(HttpStatusCode.Created);
        await retry.ShouldReplayAsync(first);
        (await api.Client.AvailableAsync(sku)).ShouldBe(0);
    }

    [Fact]
    public async Task a_retry_refused_for_stock_while_the_first_runs_is_idempotency_in_progress()
    {
        var sku = await api.AddProductAsync(stock: 1);

        var (key, first, second) = await CheckoutTwiceWhileTheFirstRunsAsync(sku, 1);

        await second.ShouldBeProblemAsync(HttpStatusCode.Conflict, "idempotency-in-progress");
        var answer = await first;
        answer.StatusCode.ShouldBe(HttpStatusCode.Created);
        var replay = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key);
        (await replay.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(await answer.Content.ReadAsByteArrayAsync(Ct));
    }

    [Fact]
    public async Task of_concurrent_checkouts_with_one_key_exactly_one_places_an_order()
    {
        var sku = await api.AddProductAsync(stock: 50);
        var key = Guid.NewGuid().ToString();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key)));

        responses.Count(response => response.StatusCode == HttpStatusCode.Created && response.Header("Idempotent-Replayed") is null).ShouldBe(1);
        foreach (var response in responses.Where(response => response.StatusCode != HttpStatusCode.Created))
        {
            await response.ShouldBeProblemAsync(HttpStatusCode.Conflict, "idempotency-in-progress");
        }

        (await api.Client.AvailableAsync(sku)).ShouldBe(49);
    }

    [Fact]
    public async Task the_same_key_on_another_endpoint_is_another_key()
    {
        var sku = await api.AddProductAsync(stock: 5);
        var key = Guid.NewGuid().ToString();
        (await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key)).StatusCode.ShouldBe(HttpStatusCode.Created);

        var refund = await api.AdminClient().SendAsync(HttpMethod.Post, "/api/admin/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa/refund", Http.Json("{}"), ("Idempotency-Key", key));

        await refund.ShouldBeProblemAsync(HttpStatusCode.NotFound, "order-not-found");
    }

    [Theory]
    [InlineData("tab\tinside")]
    [InlineData("é-not-ascii")]
    [InlineData(null)]
    public async Task a_bad_idempotency_key_is_invalid_request_on_the_header(string? key)
    {
        key ??= new string('k', 256);
        var sku = await api.AddProductAsync(stock: 5);
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = Http.Json(Buyer.CheckoutBody((sku, 1))) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(key)));

        var response = await api.Client.SendAsync(request, Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        problem.ErrorKeys().ShouldBe(["Idempotency-Key"]);
        (await api.Client.AvailableAsync(sku)).ShouldBe(5);
    }

    /// <summary>
    /// Two checkouts of one unit with one new key, the second sent while the provider holds up the first (its stock
    /// already reserved); the first's answer comes later.
    /// </summary>
    private async Task<(string Key, Task<HttpResponseMessage> First, HttpResponseMessage Second)> CheckoutTwiceWhileTheFirstRunsAsync(string sku, long stock)
    {
        var key = Guid.NewGuid().ToString();
        api.Sandbox.Latency = TimeSpan.FromSeconds(1.5);
        try
        {
            var first = api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key);
            await WaitUntilReservedAsync(sku, stock);
            return (key, first, await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)), key));
        }
        finally
        {
            api.Sandbox.Latency = TimeSpan.Zero;
        }
    }

    private async Task WaitUntilReservedAsync(string sku, long stock)
    {
        // The claim is made with the reservation, which comes before the (slow) provider call.
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (await api.Client.AvailableAsync(sku) == stock && DateTime.UtcNow < deadline)
        {
            await Task.Delay(20, Ct);
        }
    }
}
