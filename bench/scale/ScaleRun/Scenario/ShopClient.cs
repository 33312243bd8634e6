using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace Jamcart.Bench.Scale;

/// <summary>
/// What a buyer's browser does, over HTTP, through a load balancer that names the buyer in <c>X-Forwarded-For</c>:
/// checkout at a functions instance, the card confirmed at the provider with its publishable key (as the provider's
/// script does), then the order confirmed by the server. A request whose connection failed (its instance was killed)
/// answers status 0.
/// </summary>
internal sealed class ShopClient(Uri sandbox, string publishableKey, int connections) : IDisposable
{
    public const string GoodCard = "4242424242424242";
    public const string DeclinedCard = "4000000000000002";

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        MaxConnectionsPerServer = connections,
        UseCookies = false,
        AutomaticDecompression = DecompressionMethods.None,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public async Task<CheckoutAnswer> CheckoutAsync(Uri instance, string buyer, IReadOnlyList<(string Sku, int Quantity)> lines, string email, CancellationToken cancellationToken)
    {
        var items = new JsonArray([.. lines.Select(line => new JsonObject { ["sku"] = line.Sku, ["quantity"] = line.Quantity })]);
        var body = new JsonObject
        {
            ["items"] = items,
            ["email"] = email,
            ["shipping"] = new JsonObject
            {
                ["name"] = "Kim Minji",
                ["line1"] = "12 Sejong-daero",
                ["city"] = "Seoul",
                ["postalCode"] = "04524",
                ["country"] = "KR",
            },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, "api/checkout"))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", Guid.NewGuid().ToString("N"));
        request.Headers.Add("X-Forwarded-For", buyer);
        var started = Stopwatch.GetTimestamp();
        var (status, json) = await SendAsync(request, cancellationToken);
        var elapsed = Stopwatch.GetElapsedTime(started);
        return status == 201
            ? new CheckoutAnswer(status, elapsed, json!["orderId"]!.GetValue<string>(), json["orderToken"]!.GetValue<string>(),
                json["payment"]!["clientSecret"]!.GetValue<string>())
            : new CheckoutAnswer(status, elapsed, null, null, null);
    }

    /// <summary>Confirms the order's PaymentIntent at the provider with this card; the PaymentIntent's status after it, or null when the provider could not be reached.</summary>
    public async Task<string?> PayAsync(string clientSecret, string cardNumber, CancellationToken cancellationToken)
    {
        var (methodStatus, method) = await PostFormAsync("v1/payment_methods", cancellationToken,
            ("type", "card"), ("card[number]", cardNumber), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123"));
        if (methodStatus != 200)
        {
            return null;
        }

        var paymentIntent = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        var (status, json) = await PostFormAsync($"v1/payment_intents/{paymentIntent}/confirm", cancellationToken,
            ("client_secret", clientSecret), ("payment_method", method!["id"]!.GetValue<string>()));
        return status switch
        {
            200 => json!["status"]!.GetValue<string>(),
            402 => "declined",
            _ => null,
        };
    }

    /// <summary><c>POST /api/orders/{id}/confirm</c>: the HTTP status and the order's status.</summary>
    public Task<(int Status, string? OrderStatus)> ConfirmAsync(Uri instance, string buyer, string orderId, string token, CancellationToken cancellationToken) =>
        OrderActionAsync(instance, buyer, orderId, token, "confirm", cancellationToken);

    /// <summary><c>POST /api/orders/{id}/cancel</c>: the HTTP status and the order's status.</summary>
    public Task<(int Status, string? OrderStatus)> CancelAsync(Uri instance, string buyer, string orderId, string token, CancellationToken cancellationToken) =>
        OrderActionAsync(instance, buyer, orderId, token, "cancel", cancellationToken);

    /// <summary>The provider's own view of a PaymentIntent (server side, with the secret key): status, amount, currency and order id.</summary>
    public async Task<JsonObject?> GetPaymentAsync(string paymentIntent, string secretKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(sandbox, $"v1/payment_intents/{paymentIntent}"));
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", secretKey);
        var (status, json) = await SendAsync(request, cancellationToken);
        return status == 200 ? json : null;
    }

    public void Dispose() => _http.Dispose();

    private async Task<(int Status, string? OrderStatus)> OrderActionAsync(Uri instance, string buyer, string orderId, string token, string action, CancellationToken cancellationToken)
    {
        using var request = OrderRequest(instance, buyer, orderId, token, action);
        var (status, json) = await SendAsync(request, cancellationToken);
        // A refusal is Problem Details, whose "status" is the HTTP status, not the order's.
        return (status, status == 200 ? json?["status"]?.GetValue<string>() : null);
    }

    private static HttpRequestMessage OrderRequest(Uri instance, string buyer, string orderId, string token, string action)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri(instance, $"api/orders/{orderId}/{action}"))
        {
            Content = new StringContent("{}", Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("X-Order-Token", token);
        request.Headers.Add("X-Forwarded-For", buyer);
        return request;
    }

    private async Task<(int Status, JsonObject? Json)> PostFormAsync(string path, CancellationToken cancellationToken, params (string Name, string Value)[] form)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(sandbox, path))
        {
            Content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))
                .Prepend(new KeyValuePair<string, string>("key", publishableKey))),
        };
        return await SendAsync(request, cancellationToken);
    }

    private async Task<(int Status, JsonObject? Json)> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.SendAsync(request, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            var json = text.StartsWith('{') ? JsonNode.Parse(text) as JsonObject : null;
            return ((int)response.StatusCode, json);
        }
        catch (Exception e) when (e is HttpRequestException or IOException || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            // The instance died with the request, or never answered.
            return (0, null);
        }
    }
}

/// <summary>The answer to a checkout: its status (0: the connection failed), how long it took, and the order when it was placed.</summary>
internal sealed record CheckoutAnswer(int Status, TimeSpan Elapsed, string? OrderId, string? OrderToken, string? ClientSecret);
