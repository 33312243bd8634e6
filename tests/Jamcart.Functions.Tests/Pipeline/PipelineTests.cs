using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

using Jamcart.Functions.Apis;
using Jamcart.Functions.Tests.Support;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>What every answer has, whatever the route: Problem Details for failures, security headers, limits.</summary>
public sealed partial class PipelineTests(PipelineTests.Host api) : IClassFixture<PipelineTests.Host>
{
    public sealed class Host : SqliteApi
    {
        protected override void ConfigureServices(IServiceCollection services) =>
            services.AddSingleton<IApiExtension, FailingEndpoint>();
    }

    private sealed class Production : SqliteApi
    {
        protected override string Environment => "Production";
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task unknown_route_is_not_found_problem()
    {
        var response = await api.Client.GetAsync("/api/nothing-here", Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task known_route_with_wrong_method_is_method_not_allowed_with_allow()
    {
        var response = await api.Client.GetAsync("/api/checkout", Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        response.Content.Headers.Allow.ShouldBe(["POST"]);
    }

    [Fact]
    public async Task head_on_a_route_without_get_is_method_not_allowed_naming_head()
    {
        // In memory the body a real server leaves out of an answer to HEAD can be read (HeadRequestTests: on Kestrel).
        using var response = await api.Client.SendAsync(new HttpRequestMessage(HttpMethod.Head, "/api/checkout"), Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.MethodNotAllowed, "method-not-allowed");
        problem.GetProperty("detail").GetString().ShouldBe("HEAD is not allowed here; see the Allow header.");
        response.Content.Headers.Allow.ShouldBe(["POST"]);
    }

    [Fact]
    public async Task bug_is_internal_error_with_trace_id_and_nothing_else()
    {
        ApiFixture.RequiresInProcessHost("the failing endpoint is a service the test adds to the host");
        var response = await api.Client.GetAsync(FailingEndpoint.Path, Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.InternalServerError, "internal-error");
        var text = problem.ToString();
        text.ShouldNotContain("secret_column");
        text.ShouldNotContain("InvalidOperationException");
        text.ShouldNotContain("at Jamcart");
        problem.EnumerateObject().Select(member => member.Name).ShouldBe(["type", "title", "status", "detail", "traceId"]);
        // The operator's log has the exception, to be found by the answer's traceId.
        api.Logs.Lines.ShouldContain(line => line.Contains("Unhandled exception", StringComparison.Ordinal) && line.Contains("secret_column", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("/api/health")]
    [InlineData("/api/nothing-here")]
    [InlineData(FailingEndpoint.Path)]
    [InlineData("/api/stock?sku=NOPE")]
    public async Task every_answer_has_security_headers_and_no_server_header(string path)
    {
        if (path == FailingEndpoint.Path)
        {
            ApiFixture.RequiresInProcessHost("the failing endpoint is a service the test adds to the host");
        }

        var response = await api.Client.GetAsync(path, Ct);

        response.Header("X-Content-Type-Options").ShouldBe("nosniff");
        response.Header("Referrer-Policy").ShouldBe("no-referrer");
        response.Header("X-Frame-Options").ShouldBe("DENY");
        response.Header("Content-Security-Policy").ShouldBe("default-src 'none'; frame-ancestors 'none'");
        response.Header("Server").ShouldBeNull();
    }

    [Fact]
    public async Task api_reference_page_runs_without_the_api_policy_in_development()
    {
        var redirect = await api.Client.GetAsync("/api/reference", Ct);
        // Relative to the page, as a browser reads it: /api/reference/.
        var page = new Uri(redirect.RequestMessage!.RequestUri!, redirect.Headers.Location ?? new Uri("", UriKind.Relative));
        var response = await api.Client.GetAsync(page, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("text/html");
        response.Header("Content-Security-Policy").ShouldBeNull();
        response.Header("X-Content-Type-Options").ShouldBe("nosniff");

        // A local page that calls nowhere else: no usage telemetry, no hosted AI agent or MCP server, no web fonts.
        var html = await response.Content.ReadAsStringAsync(Ct);
        html.ShouldContain("\"telemetry\":false");
        html.ShouldContain("\"agent\":{\"disabled\":true}");
        html.ShouldContain("\"mcp\":{\"disabled\":true}");
        html.ShouldContain("\"withDefaultFonts\":false");
        html.ShouldContain("\"showDeveloperTools\":\"never\"");

        // The page's script resolves its source against the root of the site that serves the page.
        var source = ReferenceSource().Match(html);
        source.Success.ShouldBeTrue(html);
        var document = await api.Client.GetAsync(new Uri(new Uri(page, "/"), source.Groups["url"].Value), Ct);
        document.StatusCode.ShouldBe(HttpStatusCode.OK);
        var openApi = await document.JsonAsync();
        openApi.GetProperty("openapi").GetString().ShouldStartWith("3.");
    }

    [Fact]
    public async Task api_reference_page_is_not_served_in_production()
    {
        await using var production = new Production();
        await production.InitializeAsync();

        var response = await production.Client.GetAsync("/api/reference/", Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
        (await production.Client.GetAsync("/api/openapi.json", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task health_is_ok_while_the_database_answers()
    {
        var response = await api.Client.GetAsync("/api/health", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldBe("""{"status":"ok"}""");
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/json; charset=latin1")]
    public async Task body_that_is_not_json_is_unsupported_media_type(string mediaType)
    {
        var content = new ByteArrayContent("{}"u8.ToArray());
        content.Headers.TryAddWithoutValidation("Content-Type", mediaType);

        var checkout = await api.Client.PostAsync("/api/checkout", content, Ct);
        var webhook = await api.Client.PostAsync("/api/webhooks/stripe", content, Ct);

        await checkout.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        await webhook.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
    }

    [Theory]
    [InlineData("gzip")]
    [InlineData("br")]
    [InlineData("deflate, gzip")]
    public async Task a_compressed_body_is_unsupported_media_type_and_an_identity_one_is_read(string coding)
    {
        var compressed = Http.Json("""{"items":[]}""");
        compressed.Headers.TryAddWithoutValidation("Content-Encoding", coding);
        var plain = Http.Json("""{"items":[]}""");
        plain.Headers.ContentEncoding.Add("identity");

        var checkout = await api.Client.PostAsync("/api/checkout", compressed, Ct);
        var identity = await api.Client.PostAsync("/api/checkout", plain, Ct);

        var problem = await checkout.ShouldBeProblemAsync(HttpStatusCode.UnsupportedMediaType, "unsupported-media-type");
        problem.GetProperty("detail").GetString().ShouldNotBeNull().ShouldContain("uncompressed");
        await identity.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-request");
    }

    [Fact]
    public async Task body_over_64_kib_is_payload_too_large()
    {
        var response = await api.Client.PostAsync("/api/checkout", Http.Json(LargeJson(65 * 1024)), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task chunked_body_over_64_kib_is_payload_too_large()
    {
        var content = new StreamContent(new MemoryStream(Encoding.UTF8.GetBytes(LargeJson(200 * 1024))));
        content.Headers.ContentType = new("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/checkout") { Content = content };
        request.Headers.TransferEncodingChunked = true;

        var response = await api.Client.SendAsync(request, Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task without_the_target_as_sent_a_long_path_alone_is_uri_too_long()
    {
        // A host in front of the functions (a serverless adapter) may hand over the path and query without the target
        // as sent: they count instead, a path without a query too.
        var context = await api.Factory.Server.SendAsync(http =>
        {
            http.Request.Method = "GET";
            http.Request.Path = "/api/" + new string('p', 9000);
            http.Features.Get<IHttpRequestFeature>()!.RawTarget = "";
        }, Ct);

        context.Response.StatusCode.ShouldBe(StatusCodes.Status414UriTooLong);
    }

    [Fact]
    public async Task body_longer_than_its_content_length_is_counted_not_believed()
    {
        var context = await api.Factory.Server.SendAsync(http =>
        {
            http.Request.Method = "POST";
            http.Request.Path = "/api/checkout";
            http.Request.ContentType = "application/json";
            http.Request.ContentLength = 20;
            http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(LargeJson(100 * 1024)));
        }, Ct);

        context.Response.StatusCode.ShouldBe(StatusCodes.Status413PayloadTooLarge);
    }

    [Fact]
    public async Task webhooks_accept_bodies_up_to_1_mib()
    {
        var near = await api.Client.PostAsync("/api/webhooks/stripe", Http.Json(LargeJson(900 * 1024)), Ct);
        // Over a real connection the host answers 413 before reading the body and closes, so the client asks first
        // (Expect: 100-continue) instead of writing a megabyte into a closed socket.
        var tooLarge = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/stripe") { Content = Http.Json(LargeJson(1100 * 1024)) };
        tooLarge.Headers.ExpectContinue = true;
        var over = await api.Client.SendAsync(tooLarge, Ct);

        // Read, then refused for its (missing) signature rather than its size.
        await near.ShouldBeProblemAsync(HttpStatusCode.BadRequest, "invalid-signature");
        await over.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge, "payload-too-large");
    }

    [Fact]
    public async Task openapi_document_is_served()
    {
        var response = await api.Client.GetAsync("/api/openapi.json", Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var document = await response.JsonAsync();
        document.GetProperty("openapi").GetString().ShouldStartWith("3.");
    }

    private static string LargeJson(int bytes) =>
        JsonSerializer.Serialize(new Dictionary<string, string> { ["padding"] = new string('x', bytes) });

    [GeneratedRegex("\"sources\":\\[\\{[^}]*\"url\":\"(?<url>[^\"]+)\"")]
    private static partial Regex ReferenceSource();
}
