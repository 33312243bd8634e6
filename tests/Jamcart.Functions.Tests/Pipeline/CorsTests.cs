using System.Net;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>CORS: the store's own origin (from its synced baseUrl) and the configured extra origins, nothing else.</summary>
public sealed class CorsTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(ApiFixture.StoreOrigin)]
    [InlineData(ApiFixture.ExtraOrigin)]
    public async Task preflight_from_an_allowed_origin_allows_the_apis_headers(string origin)
    {
        var response = await PreflightAsync(origin, "POST", "content-type,idempotency-key,x-order-token");

        response.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        response.Header("Access-Control-Allow-Origin").ShouldBe(origin);
        var headers = response.Header("Access-Control-Allow-Headers")!.ToUpperInvariant();
        headers.ShouldContain("CONTENT-TYPE");
        headers.ShouldContain("IDEMPOTENCY-KEY");
        headers.ShouldContain("X-ORDER-TOKEN");
        response.Header("Access-Control-Allow-Methods")!.ShouldContain("POST");
    }

    [Theory]
    [InlineData("https://evil.example")]
    [InlineData("http://shop.example")]
    [InlineData("https://shop.example.evil.example")]
    [InlineData("null")]
    public async Task preflight_from_any_other_origin_is_not_allowed(string origin)
    {
        var response = await PreflightAsync(origin, "POST", "content-type");

        response.Header("Access-Control-Allow-Origin").ShouldBeNull();
    }

    [Fact]
    public async Task preflight_asking_for_another_header_does_not_get_it()
    {
        var response = await PreflightAsync(ApiFixture.StoreOrigin, "POST", "authorization");

        // The browser compares what it asked for with what is allowed, and refuses the request.
        (response.Header("Access-Control-Allow-Headers") ?? "").ShouldNotContain("authorization", Case.Insensitive);
    }

    [Fact]
    public async Task answers_to_the_store_expose_the_apis_response_headers()
    {
        var response = await api.Client.SendAsync(HttpMethod.Get, "/api/stock?sku=TEA-1", null, ("Origin", ApiFixture.StoreOrigin));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Header("Access-Control-Allow-Origin").ShouldBe(ApiFixture.StoreOrigin);
        var exposed = response.Header("Access-Control-Expose-Headers")!;
        exposed.ShouldContain("Idempotent-Replayed");
        exposed.ShouldContain("Retry-After");
        exposed.ShouldContain("Server-Timing");
    }

    [Fact]
    public async Task with_several_origins_the_answer_still_says_vary_origin_once()
    {
        // The framework's CORS adds its own Vary: Origin when the policy lists more than one origin.
        var response = await api.Client.SendAsync(HttpMethod.Get, "/api/stock?sku=TEA-1", null, ("Origin", ApiFixture.ExtraOrigin));

        response.Header("Access-Control-Allow-Origin").ShouldBe(ApiFixture.ExtraOrigin);
        response.Headers.Vary.ShouldBe(["Origin"]);
    }

    [Fact]
    public async Task answers_to_another_origin_carry_no_cors_headers()
    {
        var response = await api.Client.SendAsync(HttpMethod.Get, "/api/stock?sku=TEA-1", null, ("Origin", "https://evil.example"));

        response.Header("Access-Control-Allow-Origin").ShouldBeNull();
        response.Header("Access-Control-Expose-Headers").ShouldBeNull();
    }

    [Fact]
    public async Task problems_keep_their_cors_headers_so_the_page_can_read_them()
    {
        var response = await api.Client.SendAsync(HttpMethod.Post, "/api/checkout", Http.Json("{"), ("Origin", ApiFixture.StoreOrigin));

        await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
        response.Header("Access-Control-Allow-Origin").ShouldBe(ApiFixture.StoreOrigin);
    }

    private Task<HttpResponseMessage> PreflightAsync(string origin, string method, string headers) =>
        api.Client.SendAsync(
            HttpMethod.Options,
            "/api/checkout",
            null,
            ("Origin", origin),
            ("Access-Control-Request-Method", method),
            ("Access-Control-Request-Headers", headers));
}
