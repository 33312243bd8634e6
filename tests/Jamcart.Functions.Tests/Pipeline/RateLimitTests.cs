using System.Net;
using System.Text.Json;

using Jamcart.Functions.Tests.Support;

using Microsoft.AspNetCore.Http;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>Per-client limits: 429 <c>rate-limited</c> with <c>Retry-After</c>; X-Forwarded-For believed only from trusted proxies.</summary>
public sealed class RateLimitTests(RateLimitTests.Host api) : IClassFixture<RateLimitTests.Host>
{
    private const string Limited = "/api/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa";

    public sealed class Host : SqliteApi
    {
        protected override void Configure(IDictionary<string, string?> settings)
        {
            settings["Jamcart:RateLimit:PermitsPerMinute"] = "3";
            settings["Jamcart:RateLimit:StockPermitsPerMinute"] = "6";
            settings["Jamcart:TrustedProxies:0"] = "10.0.0.0/8";
            settings["Jamcart:TrustedProxies:1"] = "192.0.2.1";
        }
    }

    [Fact]
    public async Task a_client_over_its_limit_gets_rate_limited_with_retry_after()
    {
        var statuses = await SendManyAsync(4, Limited, "198.51.100.1");
        var over = await SendAsync(Limited, "198.51.100.1");

        statuses.ShouldBe([404, 404, 404, 429]);
        over.Response.StatusCode.ShouldBe(429);
        int.Parse(over.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        over.Response.ContentType.ShouldBe("application/problem+json");
        var problem = await JsonDocument.ParseAsync(over.Response.Body, cancellationToken: TestContext.Current.CancellationToken);
        problem.RootElement.GetProperty("type").GetString().ShouldBe("urn:jamcart:problem:rate-limited");
        problem.RootElement.GetProperty("status").GetInt32().ShouldBe(429);
        (await SendAsync(Limited, "198.51.100.2")).Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task stock_reads_have_their_own_higher_limit()
    {
        var stock = await SendManyAsync(7, "/api/stock?sku=TEA-1", "198.51.100.10");
        var other = await SendAsync(Limited, "198.51.100.10");

        stock.ShouldBe([200, 200, 200, 200, 200, 200, 429]);
        other.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task webhooks_and_health_are_never_limited()
    {
        var webhooks = await SendManyAsync(6, "/api/webhooks/stripe", "198.51.100.20", method: "POST");
        var health = await SendManyAsync(6, "/api/health", "198.51.100.20");

        webhooks.ShouldAllBe(status => status == 400);
        health.ShouldAllBe(status => status == 200);
    }

    [Fact]
    public async Task the_openapi_document_counts_against_the_clients_api_limit()
    {
        // Rendered anew for each request, it costs the server many times what a health check does: unlimited, one
        // client could keep the CPU busy with it alone.
        var documents = await SendManyAsync(4, "/api/openapi.json", "198.51.100.40");
        var after = await SendAsync(Limited, "198.51.100.40");

        documents.ShouldBe([200, 200, 200, 429]);
        after.Response.StatusCode.ShouldBe(429, "the document and the API share one budget");
        (await SendAsync("/api/openapi.json", "198.51.100.41")).Response.StatusCode.ShouldBe(200);
    }

    [Theory]
    [InlineData("198.51.100.60", "GET", "/api/admin/orders", "Bearer wrong-key", null, 401)]
    [InlineData("198.51.100.61", "GET", "/api/admin/no-such-route", "Bearer wrong-key", null, 401)]
    [InlineData("198.51.100.62", "GET", "/api/admin/no-such-route", null, null, 401)]
    [InlineData("198.51.100.63", "DELETE", "/api/admin/orders", "Bearer wrong-key", null, 401)]
    [InlineData("198.51.100.64", "PUT", "/api/admin/stock/TEA-1", "Bearer wrong-key", "text/plain", 401)]
    [InlineData("198.51.100.65", "GET", "/api/admin/no-such-route", "Bearer " + ApiFixture.AdminKey, null, 404)]
    [InlineData("198.51.100.66", "DELETE", "/api/admin/orders", "Bearer " + ApiFixture.AdminKey, null, 405)]
    [InlineData("198.51.100.67", "PUT", "/api/admin/stock/TEA-1", "Bearer " + ApiFixture.AdminKey, "text/plain", 415)]
    public async Task every_admin_request_counts_against_the_clients_limit(string remote, string method, string path, string? authorization, string? contentType, int answered)
    {
        // Routing answers some of these itself (404 no route, 405 a method the route lacks, 415 a body it does not
        // take), and the admin key gate any of them 401 without the key: each must cost a permit, or a key is guessed free.
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            statuses.Add((await SendAsync(path, remote, method: method, authorization: authorization, contentType: contentType)).Response.StatusCode);
        }

        var over = await SendAsync(path, remote, method: method, authorization: authorization, contentType: contentType);

        statuses.ShouldBe([answered, answered, answered]);
        over.Response.StatusCode.ShouldBe(429);
        int.Parse(over.Response.Headers.RetryAfter.ToString(), System.Globalization.CultureInfo.InvariantCulture).ShouldBeInRange(1, 60);
        (await SendAsync(Limited, remote)).Response.StatusCode.ShouldBe(429, "admin requests and the rest of the API share one budget");
    }

    [Fact]
    public async Task behind_a_trusted_proxy_each_forwarded_client_has_its_own_limit()
    {
        var first = await SendManyAsync(4, Limited, "10.1.1.1", _ => "203.0.113.1");
        var second = await SendAsync(Limited, "10.1.1.1", "203.0.113.2");

        first.ShouldBe([404, 404, 404, 429]);
        second.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task forwarded_for_from_an_untrusted_address_is_ignored()
    {
        var statuses = await SendManyAsync(4, Limited, "198.51.100.30", i => $"203.0.113.{100 + i}");

        statuses.ShouldBe([404, 404, 404, 429]);
    }

    [Fact]
    public async Task entries_a_client_wrote_itself_left_of_the_proxys_are_not_believed()
    {
        // The client sent "X-Forwarded-For: 1.1.1.i"; the trusted proxy appended the address it saw.
        var statuses = await SendManyAsync(4, Limited, "10.1.1.2", i => $"1.1.1.{i}, 203.0.113.50");

        statuses.ShouldBe([404, 404, 404, 429]);
    }

    [Fact]
    public async Task a_chain_of_trusted_proxies_is_walked_to_the_first_untrusted_address()
    {
        var statuses = await SendManyAsync(4, Limited, "10.1.1.3", i => $"9.9.9.{i}, 203.0.113.60, 192.0.2.1, 10.2.2.2");
        var other = await SendAsync(Limited, "10.1.1.3", "203.0.113.61, 10.2.2.2");

        statuses.ShouldBe([404, 404, 404, 429]);
        other.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task ipv6_addresses_of_one_64_share_a_limit_and_another_64_has_its_own()
    {
        // A client with a /64 may send each request from another of its addresses.
        var statuses = new List<int>();
        foreach (var remote in new[] { "2001:db8:a1:1::1", "2001:db8:a1:1::2", "2001:db8:a1:1:ffff::3", "2001:db8:a1:1:1:2:3:4" })
        {
            statuses.Add((await SendAsync(Limited, remote)).Response.StatusCode);
        }

        var other = await SendAsync(Limited, "2001:db8:a1:2::1");

        statuses.ShouldBe([404, 404, 404, 429]);
        other.Response.StatusCode.ShouldBe(404);
    }

    [Fact]
    public async Task behind_a_trusted_proxy_forwarded_ipv6_clients_are_counted_by_their_64()
    {
        var statuses = await SendManyAsync(4, Limited, "10.1.1.4", i => $"2001:db8:a2:1::{i + 1:x}");
        var other = await SendAsync(Limited, "10.1.1.4", "2001:db8:a2:2::1");

        statuses.ShouldBe([404, 404, 404, 429]);
        other.Response.StatusCode.ShouldBe(404);
    }

    /// <param name="forwardedFor">The X-Forwarded-For of the i-th request, if any.</param>
    private async Task<List<int>> SendManyAsync(int count, string path, string remote, Func<int, string?>? forwardedFor = null, string method = "GET")
    {
        var statuses = new List<int>();
        for (var i = 0; i < count; i++)
        {
            statuses.Add((await SendAsync(path, remote, forwardedFor?.Invoke(i), method)).Response.StatusCode);
        }

        return statuses;
    }

    private Task<HttpContext> SendAsync(string pathAndQuery, string remote, string? forwardedFor = null, string method = "GET",
        string? authorization = null, string? contentType = null) =>
        api.Factory.Server.SendAsync(http =>
        {
            if (authorization is not null)
            {
                http.Request.Headers.Authorization = authorization;
            }

            if (contentType is not null)
            {
                http.Request.ContentType = contentType;
                http.Request.Body = new MemoryStream("{\"onHand\":1}"u8.ToArray());
            }

            var query = pathAndQuery.IndexOf('?', StringComparison.Ordinal);
            http.Request.Method = method;
            http.Request.Path = query < 0 ? pathAndQuery : pathAndQuery[..query];
            http.Request.QueryString = query < 0 ? QueryString.Empty : new QueryString(pathAndQuery[query..]);
            http.Connection.RemoteIpAddress = IPAddress.Parse(remote);
            if (forwardedFor is not null)
            {
                http.Request.Headers["X-Forwarded-For"] = forwardedFor;
            }
        }, TestContext.Current.CancellationToken);
}
