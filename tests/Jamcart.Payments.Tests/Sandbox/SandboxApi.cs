using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox;

using Shouldly;

namespace Jamcart.Payments.Tests.Sandbox;

/// <summary>Plain HTTP to a sandbox, as any Stripe client sends it: form bodies, bearer keys, idempotency keys.</summary>
internal sealed class SandboxApi(SandboxServer server) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = server.BaseUrl };

    public SandboxServer Server => server;

    public HttpClient Http => _http;

    public Task<ApiAnswer> PostAsync(string path, params (string Name, string Value)[] form) =>
        SendAsync(HttpMethod.Post, path, form, server.SecretKey, null);

    public Task<ApiAnswer> PostAsync(string path, string? key, string? idempotencyKey, params (string Name, string Value)[] form) =>
        SendAsync(HttpMethod.Post, path, form, key, idempotencyKey);

    public Task<ApiAnswer> GetAsync(string path, string? key = null) =>
        SendAsync(HttpMethod.Get, path, [], key ?? server.SecretKey, null);

    public async Task<ApiAnswer> SendAsync(HttpMethod method, string path, (string Name, string Value)[] form, string? key, string? idempotencyKey, string? stripeVersion = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (key is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", key);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        if (stripeVersion is not null)
        {
            request.Headers.Add("Stripe-Version", stripeVersion);
        }

        if (method == HttpMethod.Post)
        {
            request.Content = new FormUrlEncodedContent(form.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value)));
        }

        using var response = await _http.SendAsync(request, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new ApiAnswer(
            response.StatusCode,
            body,
            response.Headers.Concat(response.Content.Headers).ToDictionary(h => h.Key, h => string.Join(",", h.Value), StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>A PaymentIntent made with the secret key; the answer's JSON.</summary>
    public async Task<JsonObject> CreateIntentAsync(long amount = 2000, string currency = "usd", params (string Name, string Value)[] extra)
    {
        var answer = await PostAsync("/v1/payment_intents", [("amount", amount.ToString(System.Globalization.CultureInfo.InvariantCulture)), ("currency", currency), .. extra]);
        answer.Status.ShouldBe(HttpStatusCode.OK, answer.Body);
        return answer.Json;
    }

    public async Task<ApiAnswer> ConfirmAsync(string id, string paymentMethod, params (string Name, string Value)[] extra) =>
        await PostAsync($"/v1/payment_intents/{id}/confirm", [("payment_method", paymentMethod), .. extra]);

    public void Dispose() => _http.Dispose();
}

/// <summary>An HTTP answer: status, body and headers.</summary>
internal sealed record ApiAnswer(HttpStatusCode Status, string Body, IReadOnlyDictionary<string, string> Headers)
{
    public JsonObject Json => JsonNode.Parse(Body)!.AsObject();

    public JsonObject Error => Json["error"]!.AsObject();

    public string? Header(string name) => Headers.GetValueOrDefault(name);
}
