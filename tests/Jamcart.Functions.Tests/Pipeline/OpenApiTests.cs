using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;

using Jamcart.Functions.Tests.Support;

namespace Jamcart.Functions.Tests.Pipeline;

/// <summary><c>GET /api/openapi.json</c> describes the contract of docs/api.md: every route and every problem.</summary>
public sealed partial class OpenApiTests(SqliteApi api) : IClassFixture<SqliteApi>
{
    private static readonly string Contract = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "api.md"));

    public static TheoryData<string, string> Routes()
    {
        var routes = new TheoryData<string, string>();
        foreach (var route in Heading().Matches(Contract).Concat(AdminRoute().Matches(Contract)).Select(match => (match.Groups["method"].Value, match.Groups["path"].Value)).Distinct())
        {
            routes.Add(route.Item1, route.Item2);
        }

        return routes;
    }

    public static TheoryData<string> Problems() => [.. ProblemRow().Matches(Contract).Select(match => match.Groups["name"].Value)];

    [Fact]
    public void the_contract_lists_the_routes_and_problems_these_tests_check()
    {
        Routes().Count.ShouldBeGreaterThanOrEqualTo(11);
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

    private async Task<JsonElement> DocumentAsync()
    {
        var response = await api.Client.GetAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    [GeneratedRegex(@"^## (?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/api/[^\s?]+)", RegexOptions.Multiline)]
    private static partial Regex Heading();

    [GeneratedRegex(@"^- `(?<method>GET|POST|PUT|PATCH|DELETE) (?<path>/api/admin/[^\s?`]+)", RegexOptions.Multiline)]
    private static partial Regex AdminRoute();

    [GeneratedRegex(@"^\| `(?<name>[a-z-]+)` \| \d{3} \|", RegexOptions.Multiline)]
    private static partial Regex ProblemRow();
}
