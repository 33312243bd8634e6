using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary>
/// <c>GET /api/openapi.json</c> describes the contract of docs/api.md (every route and every problem) and the
/// documented extensions of docs/api-extensions.md, and no route that is in neither.
/// </summary>
public sealed partial class OpenApiTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static readonly string Contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "api.md"));

    private static readonly string Extensions = File.ReadAllText(Path.Combine(RepositoryRoot(), "docs", "api-extensions.md"));

    public static TheoryData<string, string> Routes() => RoutesOf(Contract);

    public static TheoryData<string, string> ExtensionRoutes() => RoutesOf(Extensions);

    public static TheoryData<string> Problems() => [.. ProblemRow().Matches(Contract).Select(match => match.Groups["name"].Value)];

    [Fact]
    public void the_contract_lists_the_routes_and_problems_these_tests_check()
    {
        Routes().Count.ShouldBeGreaterThanOrEqualTo(11);
        ExtensionRoutes().Count.ShouldBeGreaterThanOrEqualTo(1);
        Problems().Count.ShouldBeGreaterThanOrEqualTo(17);
    }

    [Theory]
    [MemberData(nameof(Routes))]
    public async Task every_route_of_the_contract_is_in_the_document(string method, string path)
    {
        var document = await DocumentAsync();

        document.GetProperty("paths").TryGetProperty(path, out var operations).ShouldBeTrue($"{path} is not in the OpenAPI document");
        operations.TryGetProperty(method.ToLowerInvariant(), out _).ShouldBeTrue($"{method} {path} is not in the OpenAPI document");
    }

    [Theory]
    [MemberData(nameof(ExtensionRoutes))]
    public async Task every_documented_extension_is_in_the_document(string method, string path)
    {
        var document = await DocumentAsync();

        document.GetProperty("paths").TryGetProperty(path, out var operations).ShouldBeTrue($"{path} is not in the OpenAPI document");
        operations.TryGetProperty(method.ToLowerInvariant(), out _).ShouldBeTrue($"{method} {path} is not in the OpenAPI document");
    }

    [Fact]
    public async Task the_document_has_no_route_that_is_neither_in_the_contract_nor_a_documented_extension()
    {
        var contract = RouteList(Contract);
        var extensions = RouteList(Extensions);
        contract.Intersect(extensions).ShouldBeEmpty("an extension adds routes; it never redefines one of the contract");
        var documented = contract.Concat(extensions).Select(route => $"{route.Method} {route.Path}").ToHashSet(StringComparer.Ordinal);

        var document = await DocumentAsync();

        var served = document.Operations().Select(operation => operation.Key).ToList();
        served.Where(route => !documented.Contains(route)).ShouldBeEmpty("routes in the OpenAPI document that neither docs/api.md nor docs/api-extensions.md describes");
    }

    [Theory]
    [MemberData(nameof(Problems))]
    public async Task every_problem_of_the_contract_is_in_the_document(string name)
    {
        var document = await DocumentAsync();

        document.ToString().ShouldContain("urn:jamcart:problem:" + name);
    }

    [Fact]
    public async Task request_bodies_are_described()
    {
        var document = await DocumentAsync();

        var checkout = document.GetProperty("paths").GetProperty("/api/checkout").GetProperty("post");
        checkout.GetProperty("requestBody").GetProperty("content").TryGetProperty("application/json", out _).ShouldBeTrue();
        checkout.GetProperty("responses").TryGetProperty("201", out _).ShouldBeTrue();
        checkout.GetProperty("responses").TryGetProperty("409", out _).ShouldBeTrue();
    }

    [Fact]
    public async Task the_document_does_not_repeat_the_host_a_request_names()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/openapi.json");
        request.Headers.Host = "evil.example";
        var response = await api.Client.SendAsync(request, TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        text.ShouldNotContain("evil.example");
        using var document = JsonDocument.Parse(text);
        var servers = document.RootElement.TryGetProperty("servers", out var list) ? list.EnumerateArray().ToList() : [];
        servers.Select(server => server.GetProperty("url").GetString()).Where(url => url is null || !url.StartsWith('/'))
            .ShouldBeEmpty("servers other than relative ones");
    }

    private Task<JsonElement> DocumentAsync() => api.Client.DocumentAsync();

    private static TheoryData<string, string> RoutesOf(string markdown)
    {
        var routes = new TheoryData<string, string>();
        foreach (var (method, path) in RouteList(markdown))
        {
            routes.Add(method, path);
        }

        return routes;
    }

    private static List<(string Method, string Path)> RouteList(string markdown) =>
        [.. Heading().Matches(markdown).Concat(AdminRoute().Matches(markdown)).Select(match => (match.Groups["method"].Value, match.Groups["path"].Value)).Distinct()];

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Jamcart.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("the repository root (Jamcart.slnx) is not above the test binaries");
    }

    [GeneratedRegex(@"^## (?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/api/[^\s?]+)", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^- `(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/api/admin/[^\s?`]+)", RegexOptions.Multiline)]
    private static partial Regex AdminRoute();

    [GeneratedRegex(@"^\| `(?<name>[a-z-]+)` \| \d{3} \|", RegexOptions.Multiline)]
    private static partial Regex ProblemRow();
}
