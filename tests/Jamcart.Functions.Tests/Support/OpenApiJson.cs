using System.Net;
using System.Text.Json;

namespace Jamcart.Functions.Tests.Support;

/// <summary>The served OpenAPI document, and the parts of it that tests look at, read as plain JSON.</summary>
internal static class OpenApiJson
{
    // A path item also holds members that are not operations (parameters, summary, servers).
    private static readonly HashSet<string> HttpMethods = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

    public static async Task<JsonElement> DocumentAsync(this HttpClient client)
    {
        var response = await client.GetAsync("/api/openapi.json", TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.JsonAsync();
    }

    public static JsonElement Schemas(this JsonElement document) => document.GetProperty("components").GetProperty("schemas");

    public static JsonElement Schema(this JsonElement document, string name) =>
        document.Schemas().TryGetProperty(name, out var schema) ? schema : throw new ShouldAssertException($"no schema {name} in the document");

    public static JsonElement Property(this JsonElement document, string schema, string member) =>
        document.Schema(schema).GetProperty("properties").TryGetProperty(member, out var property)
            ? property
            : throw new ShouldAssertException($"{schema} has no member {member}");

    public static JsonElement Operation(this JsonElement document, string method, string path) =>
        document.GetProperty("paths").TryGetProperty(path, out var operations) && operations.TryGetProperty(method.ToLowerInvariant(), out var operation)
            ? operation
            : throw new ShouldAssertException($"no {method} {path} in the document");

    /// <summary>Every operation, keyed like <c>POST /api/checkout</c>.</summary>
    public static IEnumerable<KeyValuePair<string, JsonElement>> Operations(this JsonElement document) =>
        document.GetProperty("paths").EnumerateObject().SelectMany(path => path.Value.EnumerateObject()
            .Where(member => HttpMethods.Contains(member.Name))
            .Select(operation => KeyValuePair.Create($"{operation.Name.ToUpperInvariant()} {path.Name}", operation.Value)));

    /// <summary>An operation's parameters in <paramref name="location"/> (<c>header</c>, <c>query</c>), by name.</summary>
    public static Dictionary<string, JsonElement> Parameters(this JsonElement operation, string location) =>
        operation.TryGetProperty("parameters", out var parameters)
            ? parameters.EnumerateArray()
                .Where(parameter => parameter.GetProperty("in").GetString() == location)
                .ToDictionary(parameter => parameter.GetProperty("name").GetString()!, StringComparer.Ordinal)
            : [];

    /// <summary>A schema's <c>type</c>, one name or several; none for anything else (a <c>properties</c> map with a member named type).</summary>
    public static List<string> Types(this JsonElement schema) =>
        schema.ValueKind != JsonValueKind.Object || !schema.TryGetProperty("type", out var type) ? []
        : type.ValueKind == JsonValueKind.String ? [type.GetString()!]
        : type.ValueKind == JsonValueKind.Array ? [.. type.EnumerateArray().Where(name => name.ValueKind == JsonValueKind.String).Select(name => name.GetString()!)]
        : [];

    public static bool AllowsNull(this JsonElement schema) =>
        schema.Types().Contains("null")
        || (schema.TryGetProperty("oneOf", out var choices) && choices.EnumerateArray().Any(AllowsNull));

    public static bool IsRequired(this JsonElement parameterOrBody) =>
        parameterOrBody.TryGetProperty("required", out var required) && required.GetBoolean();

    /// <summary>The element and everything in it.</summary>
    public static IEnumerable<JsonElement> Descendants(this JsonElement element)
    {
        yield return element;
        var children = element.ValueKind switch
        {
            JsonValueKind.Object => element.EnumerateObject().Select(member => member.Value),
            JsonValueKind.Array => element.EnumerateArray(),
            _ => [],
        };
        foreach (var descendant in children.SelectMany(Descendants))
        {
            yield return descendant;
        }
    }
}
