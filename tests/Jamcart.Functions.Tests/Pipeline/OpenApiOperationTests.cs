using System.Globalization;
using System.Text.RegularExpressions;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>
/// The operations of <c>GET /api/openapi.json</c> say what docs/api.md says of its routes: the headers they read and
/// write, the admin key, their bodies and query parameters.
/// </summary>
public sealed partial class OpenApiOperationTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static readonly string Contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "api.md"));

    /// <summary>Request headers API.md names, and whether a request without one is refused.</summary>
    public static TheoryData<string, string, string, bool> RequestHeaders() => new()
    {
        { "POST", "/api/checkout", "Idempotency-Key", false },
        { "POST", "/api/admin/orders/{orderId}/refund", "Idempotency-Key", false },
        { "PUT", "/api/admin/stock/{sku}", "Idempotency-Key", false },
        { "POST", "/api/webhooks/stripe", "Stripe-Signature", true },
        { "GET", "/api/orders/{orderId}", "X-Order-Token", false },
        { "POST", "/api/orders/{orderId}/confirm", "X-Order-Token", false },
        { "POST", "/api/orders/{orderId}/cancel", "X-Order-Token", false },
    };

    /// <summary>Response headers API.md names: the answer that has them, and what their description must say.</summary>
    public static TheoryData<string, string, string, string, string> ResponseHeaders() => new()
    {
        { "POST", "/api/checkout", "201", "Idempotent-Replayed", "true" },
        { "POST", "/api/checkout", "409", "Idempotent-Replayed", "true" },
        { "POST", "/api/admin/orders/{orderId}/refund", "200", "Idempotent-Replayed", "true" },
        { "PUT", "/api/admin/stock/{sku}", "200", "Idempotent-Replayed", "true" },
        { "POST", "/api/checkout", "409", "Retry-After", "idempotency-in-progress" },
        { "POST", "/api/admin/orders/{orderId}/refund", "409", "Retry-After", "idempotency-in-progress" },
        { "POST", "/api/checkout", "429", "Retry-After", "" },
        { "POST", "/api/checkout", "503", "Retry-After", "" },
        { "GET", "/api/stock", "429", "Retry-After", "" },
        { "GET", "/api/orders/{orderId}", "200", "Cache-Control", "no-store" },
        { "GET", "/api/stock", "200", "Cache-Control", "public, max-age=2" },
        { "POST", "/api/admin/maintenance", "200", "Cache-Control", "no-store" },
    };

    [Theory]
    [MemberData(nameof(RequestHeaders))]
    public async Task request_headers_of_the_contract_are_parameters(string method, string path, string header, bool required)
    {
        var document = await api.Client.DocumentAsync();

        var headers = document.Operation(method, path).Parameters("header");
        headers.TryGetValue(header, out var parameter).ShouldBeTrue($"{method} {path} does not take {header}");
        parameter.IsRequired().ShouldBe(required, $"{method} {path}: {header}");
    }

    [Fact]
    public async Task an_idempotency_key_is_1_to_255_characters()
    {
        var document = await api.Client.DocumentAsync();

        var key = document.Operation("POST", "/api/checkout").Parameters("header")["Idempotency-Key"].GetProperty("schema");
        key.GetProperty("minLength").GetInt32().ShouldBe(1);
        key.GetProperty("maxLength").GetInt32().ShouldBe(255);
    }

    [Theory]
    [MemberData(nameof(ResponseHeaders))]
    public async Task response_headers_of_the_contract_are_described(string method, string path, string status, string header, string says)
    {
        var document = await api.Client.DocumentAsync();

        var response = document.Operation(method, path).GetProperty("responses").GetProperty(status);
        response.TryGetProperty("headers", out var headers).ShouldBeTrue($"{method} {path} {status} has no headers");
        headers.TryGetProperty(header, out var described).ShouldBeTrue($"{method} {path} {status} has no {header}");
        (described.GetProperty("description").GetString() ?? "").ShouldContain(says, Case.Sensitive);
    }

    [Fact]
    public async Task every_rate_limited_answer_says_when_to_retry()
    {
        var document = await api.Client.DocumentAsync();

        var limited = document.Operations().Where(operation => operation.Value.GetProperty("responses").TryGetProperty("429", out _)).ToList();
        limited.ShouldNotBeEmpty();
        limited.Where(operation => !operation.Value.GetProperty("responses").GetProperty("429").TryGetProperty("headers", out var headers)
                || !headers.TryGetProperty("Retry-After", out _))
            .Select(operation => operation.Key)
            .ShouldBeEmpty("429 answers without Retry-After");
    }

    [Fact]
    public async Task admin_routes_and_only_they_take_the_bearer_admin_key()
    {
        var document = await api.Client.DocumentAsync();

        var scheme = document.GetProperty("components").GetProperty("securitySchemes").EnumerateObject().ShouldHaveSingleItem();
        scheme.Value.GetProperty("type").GetString().ShouldBe("http");
        scheme.Value.GetProperty("scheme").GetString().ShouldBe("bearer", StringCompareShould.IgnoreCase);
        document.TryGetProperty("security", out _).ShouldBeFalse("the document asks every route for the key");
        foreach (var (route, operation) in document.Operations())
        {
            var names = operation.TryGetProperty("security", out var security)
                ? security.EnumerateArray().SelectMany(requirement => requirement.EnumerateObject().Select(member => member.Name))
                : [];
            string.Join(" ", names).ShouldBe(route.Contains(" /api/admin/", StringComparison.Ordinal) ? scheme.Name : "", route);
        }
    }

    [Theory]
    [InlineData("POST", "/api/checkout", true)]
    [InlineData("POST", "/api/admin/orders/{orderId}/refund", false)]
    [InlineData("PUT", "/api/admin/stock/{sku}", true)]
    public async Task a_body_is_required_unless_it_may_be_left_out(string method, string path, bool required)
    {
        var document = await api.Client.DocumentAsync();

        document.Operation(method, path).GetProperty("requestBody").IsRequired().ShouldBe(required);
    }

    [Fact]
    public async Task the_webhook_body_is_the_event_object()
    {
        var document = await api.Client.DocumentAsync();

        var body = document.Operation("POST", "/api/webhooks/stripe").GetProperty("requestBody").GetProperty("content").GetProperty("application/json");
        body.GetProperty("schema").Types().ShouldBe(["object"]);
    }

    [Fact]
    public async Task the_order_list_takes_a_limit_in_range_and_a_status_of_the_contract()
    {
        var range = LimitRange().Match(Contract);
        range.Success.ShouldBeTrue("docs/api.md no longer gives the admin list's limit as `limit` N–M, default D");
        var statuses = StatusList().Match(Contract);
        statuses.Success.ShouldBeTrue("docs/api.md no longer lists the order statuses");
        var document = await api.Client.DocumentAsync();

        var query = document.Operation("GET", "/api/admin/orders").Parameters("query");
        var limit = query["limit"].GetProperty("schema");
        limit.Types().ShouldBe(["integer"]);
        limit.GetProperty("minimum").GetInt32().ShouldBe(Number(range.Groups["min"]));
        limit.GetProperty("maximum").GetInt32().ShouldBe(Number(range.Groups["max"]));
        limit.GetProperty("default").GetInt32().ShouldBe(Number(range.Groups["default"]));
        query["status"].GetProperty("schema").GetProperty("enum").EnumerateArray().Select(status => status.GetString()).Order()
            .ShouldBe(BacktickedName().Matches(statuses.Value).Select(match => match.Groups["name"].Value).Order());
    }

    private static int Number(Group digits) => int.Parse(digits.Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"`limit` (?<min>\d+)–(?<max>\d+), default (?<default>\d+)")]
    private static partial Regex LimitRange();

    [GeneratedRegex(@"Statuses:(\s*`[a-z_]+`,?)+")]
    private static partial Regex StatusList();

    [GeneratedRegex("`(?<name>[a-z_]+)`")]
    private static partial Regex BacktickedName();
}
