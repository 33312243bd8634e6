using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jamcart.Functions.Tests.Support;

/// <summary>Requests and assertions on answers, in the API's terms.</summary>
internal static class Http
{
    public static StringContent Json(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, mediaType);

    public static StringContent Json(JsonNode json) => Json(json.ToJsonString());

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Asserts that <paramref name="retry"/> is <paramref name="first"/> replayed: its status and bytes, marked as a replay.</summary>
    public static async Task ShouldReplayAsync(this HttpResponseMessage retry, HttpResponseMessage first)
    {
        var ct = TestContext.Current.CancellationToken;
        retry.StatusCode.ShouldBe(first.StatusCode);
        retry.Header("Idempotent-Replayed").ShouldBe("true");
        (await retry.Content.ReadAsByteArrayAsync(ct)).ShouldBe(await first.Content.ReadAsByteArrayAsync(ct));
    }

    /// <summary>Asserts an RFC 9457 problem of the API's table and returns its body.</summary>
    public static async Task<JsonElement> ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string name)
    {
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        ((int)response.StatusCode).ShouldBe((int)status, body);
        response.Content.Headers.ContentType.ShouldNotBeNull().MediaType.ShouldBe("application/problem+json", body);
        var problem = JsonDocument.Parse(body).RootElement.Clone();
        problem.GetProperty("type").GetString().ShouldBe("urn:jamcart:problem:" + name, body);
        problem.GetProperty("status").GetInt32().ShouldBe((int)status);
        problem.GetProperty("title").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
        problem.GetProperty("traceId").GetString().ShouldNotBeNullOrWhiteSpace();
        return problem;
    }

    /// <summary>The member names of a problem's <c>errors</c>.</summary>
    public static string[] ErrorKeys(this JsonElement problem) =>
        [.. problem.GetProperty("errors").EnumerateObject().Select(error => error.Name)];

    public static string? Header(this HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var contentValues) ? string.Join(", ", contentValues)
        : null;

    public static Task<HttpResponseMessage> SendAsync(this HttpClient client, HttpMethod method, string path, HttpContent? content = null, params (string Name, string Value)[] headers)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return client.SendAsync(request, TestContext.Current.CancellationToken);
    }
}
