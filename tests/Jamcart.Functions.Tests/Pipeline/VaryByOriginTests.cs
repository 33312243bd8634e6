using System.Net;

using Jamcart.Functions.Apis;
using Jamcart.Functions.Tests.Support;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>
/// <c>Vary: Origin</c> on every API answer, once, for a store with its own origin alone (where the framework's CORS
/// leaves it out), so that a cache in front of the public stock reads never gives one origin's answer to another.
/// </summary>
public sealed class VaryByOriginTests(VaryByOriginTests.Host api) : IClassFixture<VaryByOriginTests.Host>
{
    private const string OtherOrigin = "https://evil.example";

    public sealed class Host : SqliteApi
    {
        // The store's baseUrl is then the only origin CORS allows.
        protected override void Configure(IDictionary<string, string?> settings) => settings.Remove("Jamcart:AllowedOrigins:0");

        protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IApiExtension, VaryingEndpoint>();
    }

    [Theory]
    [InlineData("GET", "/api/stock?sku=TEA-1", ApiFixture.StoreOrigin)]
    [InlineData("GET", "/api/stock?sku=TEA-1", OtherOrigin)]
    [InlineData("GET", "/api/stock?sku=TEA-1", null)]
    [InlineData("OPTIONS", "/api/checkout", ApiFixture.StoreOrigin)]
    [InlineData("OPTIONS", "/api/checkout", OtherOrigin)]
    [InlineData("POST", "/api/checkout", ApiFixture.StoreOrigin)]
    [InlineData("POST", "/api/checkout", null)]
    [InlineData("GET", "/api/orders/ord_aaaaaaaaaaaaaaaaaaaaaaaaaa", null)]
    [InlineData("GET", "/api/nothing-here", ApiFixture.StoreOrigin)]
    [InlineData("GET", "/api/health", null)]
    public async Task every_api_answer_varies_by_origin_once(string method, string path, string? origin)
    {
        var headers = new List<(string, string)>();
        if (origin is not null)
        {
            headers.Add(("Origin", origin));
        }

        if (method == "OPTIONS")
        {
            headers.Add(("Access-Control-Request-Method", "POST"));
        }

        var response = await api.Client.SendAsync(new HttpMethod(method), path, method == "POST" ? Http.Json("{") : null, [.. headers]);

        response.Headers.Vary.Count(name => name.Equals("Origin", StringComparison.OrdinalIgnoreCase)).ShouldBe(1);
    }

    [Fact]
    public async Task the_stores_own_origin_alone_still_gets_its_cors_answer()
    {
        var response = await api.Client.SendAsync(HttpMethod.Get, "/api/stock?sku=TEA-1", null, ("Origin", ApiFixture.StoreOrigin));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Header("Access-Control-Allow-Origin").ShouldBe(ApiFixture.StoreOrigin);
        response.Headers.CacheControl!.Public.ShouldBeTrue();
    }

    [Theory]
    [InlineData("Accept-Language", "Accept-Language|Origin")]
    [InlineData("Accept-Encoding, origin", "Accept-Encoding|origin")]
    [InlineData("*", "*")]
    public async Task an_endpoints_own_vary_is_kept_and_origin_joins_it_unless_already_covered(string own, string expected)
    {
        ApiFixture.RequiresInProcessHost("the varying endpoint is a service the test adds to the host");

        var response = await api.Client.SendAsync(HttpMethod.Get, VaryingEndpoint.Path + "?vary=" + Uri.EscapeDataString(own), null, ("Origin", OtherOrigin));

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Headers.Vary.ShouldBe(expected.Split('|'));
    }

    /// <summary>A test-only route that answers with the <c>Vary</c> it is asked for.</summary>
    private sealed class VaryingEndpoint : IApiExtension
    {
        public const string Path = "/api/test/vary";

        public void Map(IEndpointRouteBuilder endpoints) =>
            endpoints.MapGet(Path, (HttpContext context, string vary) =>
            {
                context.Response.Headers.Vary = vary;
                return Results.Ok();
            });
    }
}
