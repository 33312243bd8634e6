using System.Text.Json;

using Jamcart.Payments.Sandbox;

namespace Jamcart.Functions.Tests.Support;

/// <summary>
/// What the sandbox's card field and <c>confirmCardPayment</c> do in the buyer's browser: create a PaymentMethod from
/// the card with the publishable key, then confirm the PaymentIntent with its client secret. The host never sees the card.
/// </summary>
internal static class SandboxBrowser
{
    public const string Succeeds = "4242424242424242";
    public const string Declined = "4000000000000002";

    // Stripe's pm_card_createDispute: the charge succeeds and is disputed as fraudulent at once.
    public const string Disputed = "4000000000000259";

    /// <summary>Pays a checkout's <c>payment</c>; returns the PaymentIntent's status as the browser sees it, or the error code.</summary>
    public static async Task<string> PayAsync(SandboxServer sandbox, JsonElement payment, string card = Succeeds)
    {
        using var http = new HttpClient { BaseAddress = sandbox.BaseUrl, Timeout = TimeSpan.FromSeconds(30) };
        var key = payment.GetProperty("publishableKey").GetString()!;
        var clientSecret = payment.GetProperty("clientSecret").GetString()!;
        var ct = TestContext.Current.CancellationToken;

        using var method = await http.PostAsync("v1/payment_methods", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = key,
            ["type"] = "card",
            ["card[number]"] = card,
            ["card[exp_month]"] = "12",
            ["card[exp_year]"] = "2034",
            ["card[cvc]"] = "123",
        }), ct);
        var methodJson = JsonDocument.Parse(await method.Content.ReadAsStringAsync(ct)).RootElement;
        method.IsSuccessStatusCode.ShouldBeTrue(methodJson.ToString());

        var intentId = clientSecret[..clientSecret.IndexOf("_secret_", StringComparison.Ordinal)];
        using var confirm = await http.PostAsync($"v1/payment_intents/{intentId}/confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["key"] = key,
            ["client_secret"] = clientSecret,
            ["payment_method"] = methodJson.GetProperty("id").GetString()!,
        }), ct);
        var confirmJson = JsonDocument.Parse(await confirm.Content.ReadAsStringAsync(ct)).RootElement;
        return confirm.IsSuccessStatusCode
            ? confirmJson.GetProperty("status").GetString()!
            : confirmJson.GetProperty("error").GetProperty("code").GetString()!;
    }
}
