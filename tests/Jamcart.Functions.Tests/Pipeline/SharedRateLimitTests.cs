using System.Globalization;
using System.Net;

using Jamcart.Functions.Tests.Support;

using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>
/// Limits counted in the store database (<c>Jamcart:RateLimit:Shared</c>): windows of a whole minute on the clock,
/// 429 with the seconds left in the window, a new window starting afresh. Across processes: <c>SharedRateLimitProcessTests</c>.
/// </summary>
public sealed class SharedRateLimitTests(SharedRateLimitTests.Host api) : IClassFixture<SharedRateLimitTests.Host>
{
    private const string Limited = "/api/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa";

    public sealed class Host : SqliteApi
    {
        // Ten seconds into a minute: the window ends in 50 s.
        public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2026, 11, 24, 1, 0, 10, TimeSpan.Zero));

        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Jamcart:RateLimit:Shared"] = "true";
            settings["Jamcart:RateLimit:PermitsPerMinute"] = "3";
            settings["Jamcart:RateLimit:StockPermitsPerMinute"] = "5";
        }

        protected override void ConfigureServices(IServiceCollection services) =>
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Time));
    }

    [Fact]
    public async Task a_client_over_the_shared_limit_waits_for_the_next_minute_of_the_clock()
    {
        var statuses = await SendManyAsync(5, Limited, "198.51.100.1");
        var over = await SendAsync(Limited, "198.51.100.1");
        var otherClient = await SendAsync(Limited, "198.51.100.2");

        statuses.ShouldBe([404, 404, 404, 429, 429]);
        over.Response.StatusCode.ShouldBe(429);
        over.Response.Headers.RetryAfter.ToString().ShouldBe(SecondsLeftInMinute().ToString(CultureInfo.InvariantCulture));
        otherClient.Response.StatusCode.ShouldBe(404);

        api.Time.Advance(TimeSpan.FromSeconds(SecondsLeftInMinute()));

        (await SendManyAsync(4, Limited, "198.51.100.1")).ShouldBe([404, 404, 404, 429]);
    }

    [Fact]
    public async Task stock_reads_have_their_own_shared_limit()
    {
        var stock = await SendManyAsync(6, "/api/stock?sku=TEA-1", "198.51.100.10");
        var other = await SendAsync(Limited, "198.51.100.10");

        stock.ShouldBe([200, 200, 200, 200, 200, 429]);
        other.Response.StatusCode.ShouldBe(404);
    }

    private int SecondsLeftInMinute() => 60 - api.Time.GetUtcNow().Second;

    private async Task<List<int>> SendManyAsync(int count, string path, string remote)
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await SendAsync(path, remote)).Response.StatusCode);
        }

        return statuses;
    }

    private Task<HttpContext> SendAsync(string pathAndQuery, string remote) =>
        api.Factory.Server.SendAsync(http =>
        {
            var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            http.Request.Method = "GET";
            http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
        }, TestContext.Current.CancellationToken);
}
