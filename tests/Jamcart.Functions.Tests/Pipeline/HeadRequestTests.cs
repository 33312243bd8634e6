using System.Net;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>HEAD answered wherever GET is, over Kestrel: the GET answer's status and headers, and no body.</summary>
public sealed class HeadRequestTests(SqliteKestrelApi api) : IClassFixture<SqliteKestrelApi>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/stock?sku=NOPE")]
    [InlineData("/api/openapi.json")]
    public async Task head_is_answered_like_get_without_a_body(string path)
    {
        using var get = await api.Client.GetAsync(path, Ct);
        using var head = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, path), Ct);

        get.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await get.Content.ReadAsByteArrayAsync(Ct)).ShouldNotBeEmpty();
        head.StatusCode.ShouldBe(HttpStatusCode.OK);
        head.Content.Headers.ContentType.ShouldBe(get.Content.Headers.ContentType);
        head.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
        (await head.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_route_with_get_allows_head_too()
    {
        using var response = await api.Client.PostAsync("/api/health", Http.Json("{}"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["GET", "HEAD"]);
    }

    [Fact]
    public async Task head_on_a_route_without_get_is_method_not_allowed()
    {
        using var response = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/checkout"), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.MethodNotAllowed);
        response.Content.Headers.Allow.ShouldBe(["POST"]);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("application/problem+json");
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }
}
