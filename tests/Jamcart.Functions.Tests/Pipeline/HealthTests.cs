using System.Net;

using Jamcart.Functions.Tests.Support;
using Jamcart.Testing;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary><c>GET /api/health</c> says whether the store database answers; while it does not, the API says 503, never 500.</summary>
public sealed class HealthTests(HealthTests.Host api) : IClassFixture<HealthTests.Host>
{
    public sealed class Host(PostgresServer server) : PostgresApi(server)
    {
        private readonly PostgresServer _server = server;
        private string? _connectionString;

        public DatabaseOutage Outage => new(_server, _connectionString!);

        protected override async Task<string> CreateDatabaseAsync() => _connectionString = await base.CreateDatabaseAsync();
    }

    [Fact]
    public async Task health_and_checkout_answer_503_while_the_database_is_down_and_recover_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var sku = await api.AddProductAsync(stock: 3);
        (await api.Client.GetAsync("/api/health", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

        await api.Outage.BeginAsync();
        HttpResponseMessage health, checkout;
        try
        {
            health = await api.Client.GetAsync("/api/health", ct);
            checkout = await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)));
        }
        finally
        {
            await api.Outage.EndAsync();
        }

        await health.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        await checkout.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
        checkout.Headers.RetryAfter.ShouldNotBeNull();
        (await api.Client.GetAsync("/api/health", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1)))).StatusCode.ShouldBe(HttpStatusCode.Created);
    }

    [Fact]
    public async Task every_endpoint_answers_503_while_the_database_is_missing_and_recovers_after()
    {
        var ct = TestContext.Current.CancellationToken;
        var sku = await api.AddProductAsync(stock: 3);
        var order = await api.Client.PlaceOrderAsync(sku);
        var (orderId, token) = (order.GetProperty("orderId").GetString()!, order.GetProperty("orderToken").GetString()!);

        await api.Outage.BeginMissingAsync();
        var answers = new List<HttpResponseMessage>();
        try
        {
            answers.Add(await api.Client.GetAsync($"/api/stock?sku={sku}", ct));
            answers.Add(await api.Client.GetOrderAsync(orderId, token));
            answers.Add(await api.Client.OrderActionAsync(orderId, token, "confirm"));
            answers.Add(await api.Client.CheckoutAsync(Buyer.CheckoutBody((sku, 1))));
        }
        finally
        {
            await api.Outage.EndMissingAsync();
        }

        foreach (var answer in answers)
        {
            // Not internal-error: the database is away, which is no bug, and the same request succeeds once it is back.
            await answer.ShouldBeProblemAsync(HttpStatusCode.ServiceUnavailable, "service-unavailable");
            answer.Headers.RetryAfter.ShouldNotBeNull();
        }

        (await api.Client.GetAsync($"/api/stock?sku={sku}", ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await api.Client.GetOrderAsync(orderId, token)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
