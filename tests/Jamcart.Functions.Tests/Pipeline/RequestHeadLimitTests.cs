using System.Net;
using System.Net.Sockets;
using System.Text;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>
/// The limits on a request's address and headers, over Kestrel: answered with Problem Details like every other
/// refusal, and only past Kestrel's own wider limits with its bare status.
/// </summary>
public sealed class RequestHeadLimitTests(SqliteKestrelApi api) : IClassFixture<SqliteKestrelApi>
{
    private const int MaxTarget = 8 * 1024;
    private const int MaxHeaderBytes = 32 * 1024;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task a_target_of_8_kib_is_routed()
    {
        using var response = await api.Client.GetAsync(Target(MaxTarget), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.NotFound, "not-found");
    }

    [Fact]
    public async Task a_longer_target_is_uri_too_long()
    {
        using var response = await api.Client.GetAsync(Target(MaxTarget + 1), Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong, "uri-too-long");
        problem.GetProperty("detail").GetString().ShouldBe($"The address is {MaxTarget + 1} characters long; at most {MaxTarget} are accepted.");
        response.Headers.GetValues("X-Content-Type-Options").ShouldBe(["nosniff"]);
    }

    [Fact]
    public async Task a_problem_is_written_with_its_apostrophe_as_it_is()
    {
        using var response = await api.Client.GetAsync(Target(MaxTarget + 1), Ct);

        // Escaped the way every other answer is: "request's", not "request\u0027s".
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain("\"title\":\"The request's address is too long.\"");
    }

    [Fact]
    public async Task a_long_query_counts_with_its_path()
    {
        const string path = "/api/stock?sku=TEA-0001&note=";
        using var response = await api.Client.GetAsync(path + new string('q', MaxTarget - path.Length + 1), Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestUriTooLong, "uri-too-long");
    }

    [Fact]
    public async Task headers_just_under_32_kib_are_answered()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("X-Padding", new string('h', MaxHeaderBytes - 1024));

        using var response = await api.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task headers_over_32_kib_are_headers_too_large()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("X-Padding", new string('h', MaxHeaderBytes / 2));
        request.Headers.Add("X-More-Padding", new string('h', MaxHeaderBytes / 2));

        using var response = await api.Client.SendAsync(request, Ct);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headers-too-large");
        problem.GetProperty("detail").GetString().ShouldStartWith("The request has ");
    }

    [Fact]
    public async Task more_than_100_header_fields_are_headers_too_large()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        for (var i = 0; i < 100; i++)
        {
            request.Headers.Add($"X-Field-{i}", "1");
        }

        using var response = await api.Client.SendAsync(request, Ct);

        await response.ShouldBeProblemAsync(HttpStatusCode.RequestHeaderFieldsTooLarge, "headers-too-large");
    }

    [Fact]
    public async Task a_field_repeated_counts_once_per_line()
    {
        // HttpClient joins the values of one name into one line; Kestrel hands repeated lines over as one name.
        var head = "GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            + string.Concat(Enumerable.Repeat("X-Same: 1\r\n", 100)) + "\r\n";

        var answer = await RawAsync(head);

        answer.ShouldStartWith("HTTP/1.1 431 ");
        answer.ShouldContain("urn:jamcart:problem:headers-too-large");
        answer.ShouldContain("The request has 102 header fields");
    }

    [Fact]
    public async Task past_the_servers_own_limit_the_answer_is_bare()
    {
        // docs/api.md: over 64 KiB of headers Kestrel answers before any middleware runs, and cannot be given a body.
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/health");
        request.Headers.Add("X-Padding", new string('h', 70 * 1024));

        using var response = await api.Client.SendAsync(request, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.RequestHeaderFieldsTooLarge);
        (await response.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task a_header_value_that_is_not_utf8_is_read_like_any_other()
    {
        // RFC 9110 allows any byte from 0x80 up in a field value (obs-text); a Latin-1 "é" alone is no UTF-8.
        var answer = await RawAsync(Latin1("GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Note: caf\u00e9\r\n\r\n"));

        answer.ShouldStartWith("HTTP/1.1 200 ");
    }

    [Fact]
    public async Task an_idempotency_key_that_is_not_utf8_is_an_invalid_request()
    {
        const string body = """{"items":[{"sku":"TEA-0001","quantity":1}]}""";
        var head = "POST /api/checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nContent-Type: application/json\r\n"
            + $"Idempotency-Key: key-\u00e9\u00ff\r\nContent-Length: {body.Length}\r\n\r\n{body}";

        var answer = await RawAsync(Latin1(head));

        answer.ShouldStartWith("HTTP/1.1 400 ");
        answer.ShouldContain("urn:jamcart:problem:invalid-request");
        answer.ShouldContain("Idempotency-Key");
    }

    [Fact]
    public async Task an_order_token_that_is_not_utf8_is_order_not_found()
    {
        var sku = await api.AddProductAsync();
        var order = await api.Client.PlaceOrderAsync(sku);
        var orderId = order.GetProperty("orderId").GetString();
        var token = order.GetProperty("orderToken").GetString();

        var answer = await RawAsync(Latin1(
            $"GET /api/orders/{orderId} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\nX-Order-Token: {token}\u00e9\r\n\r\n"));

        answer.ShouldStartWith("HTTP/1.1 404 ");
        answer.ShouldContain("urn:jamcart:problem:order-not-found");
    }

    private static byte[] Latin1(string head) => Encoding.Latin1.GetBytes(head);

    private Task<string> RawAsync(string head) => RawAsync(Encoding.ASCII.GetBytes(head));

    private async Task<string> RawAsync(byte[] head)
    {
        using var client = new TcpClient();
        await client.ConnectAsync(api.RealAddress!.Host, api.RealAddress.Port, Ct);
        await using var stream = client.GetStream();
        await stream.WriteAsync(head, Ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return await reader.ReadToEndAsync(Ct);
    }

    private static string Target(int length)
    {
        const string prefix = "/api/nothing/";
        return prefix + new string('p', length - prefix.Length);
    }
}
