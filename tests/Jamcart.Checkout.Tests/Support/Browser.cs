using System.Net;
using System.Text.Json.Nodes;

using Jamcart.Payments.Sandbox;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// What the buyer's browser does with the sandbox's script: the card field turns a card number into a PaymentMethod
/// with the publishable key, and the page confirms the payment with the client secret. No secret key, no server.
/// </summary>
internal sealed class Browser(SandboxServer sandbox) : IDisposable
{
    public const string Visa = "4242424242424242";
    public const string Declined = "4000000000000002";
    public const string InsufficientFunds = "4000000000009995";
    public const string ThreeDSecure = "4000002500003155";

    // Stripe's test card whose refunds fail a minute after they were made (pm_card_refundFail).
    public const string RefundsFail = "4000000000005126";

    // Stripe's test card whose charge is disputed as fraudulent as soon as it succeeds (pm_card_createDispute).
    public const string Disputed = "4000000000000259";

    private readonly HttpClient _http = new() { BaseAddress = sandbox.BaseUrl };

    /// <summary>Pays with a card; the PaymentIntent as the browser sees it, or the provider's error.</summary>
    public async Task<BrowserResult> PayAsync(string clientSecret, string cardNumber = Visa)
    {
        var method = await PostAsync("/v1/payment_methods",
            ("type", "card"), ("card[number]", cardNumber), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123"));
        if (method.Error is not null)
        {
            return method;
        }

        var paymentId = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        return await PostAsync($"/v1/payment_intents/{paymentId}/confirm",
            ("client_secret", clientSecret), ("payment_method", method.Json!["id"]!.GetValue<string>()));
    }

    public void Dispose() => _http.Dispose();

    private async Task<BrowserResult> PostAsync(string path, params (string Name, string Value)[] form)
    {
        var fields = form.Select(pair => new KeyValuePair<string, string>(pair.Name, pair.Value))
            .Prepend(new KeyValuePair<string, string>("key", sandbox.PublishableKey));
        using var content = new FormUrlEncodedContent(fields);
        using var response = await _http.PostAsync(path, content, TestContext.Current.CancellationToken);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!.AsObject();
        return response.StatusCode == HttpStatusCode.OK
            ? new BrowserResult(json, null)
            : new BrowserResult(null, json["error"]!.AsObject());
    }
}

/// <summary>The sandbox's answer to the browser: the object, or its error.</summary>
internal sealed record BrowserResult(JsonObject? Json, JsonObject? Error)
{
    public string? Status => Json?["status"]?.GetValue<string>();

    public string? DeclineCode => Error?["decline_code"]?.GetValue<string>();
}
