using System.Text.Json.Nodes;

using Jamcart.Checkout.Orders;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.UseCases;
using Jamcart.Payments.Sandbox;
using Jamcart.Payments.Stripe;

using Microsoft.Extensions.Logging.Abstractions;

namespace Jamcart.Worker.Tests;

/// <summary>
/// A buyer paying for real: the checkout use cases against the sandbox provider through the Stripe adapter, the card
/// confirmed as the browser's script does it, then the order confirmed by the server; and the shop's refund.
/// </summary>
internal sealed class Buyer : IAsyncDisposable
{
    private readonly SandboxServer _sandbox;
    private readonly StripePaymentProvider _provider;
    private readonly ICheckoutStore _store;
    private readonly HttpClient _browser;

    private Buyer(SandboxServer sandbox, StripePaymentProvider provider, ICheckoutStore store)
    {
        _sandbox = sandbox;
        _provider = provider;
        _store = store;
        _browser = new HttpClient { BaseAddress = sandbox.BaseUrl };
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Stripe's test card whose refunds go through, then fail a minute later (<c>pm_card_refundFail</c>).</summary>
    public const string RefundsFail = "4000000000005126";

    /// <param name="sandboxTime">The sandbox's clock, for tests that wait for what it does later (a refund failing); the system's by default.</param>
    public static async Task<Buyer> StartAsync(ICheckoutStore store, TimeProvider? sandboxTime = null)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0, TimeProvider = sandboxTime ?? TimeProvider.System }, Ct);
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = sandbox.SecretKey,
            PublishableKey = sandbox.PublishableKey,
            ApiBase = sandbox.BaseUrl,
            Timeout = TimeSpan.FromSeconds(5),
            MaxNetworkRetries = 0,
        };
        options.WebhookSecrets.Add(sandbox.WebhookSecret);
        return new Buyer(sandbox, StripePaymentProvider.Create(options, NullLoggerFactory.Instance, TimeProvider.System), store);
    }

    /// <summary>Places an order, pays it with the 4242 card and has the server confirm it: the order as paid.</summary>
    public async Task<Order> BuyAsync(string sku, int quantity = 1, string email = "buyer@example.com", string locale = "ko", string card = "4242424242424242")
    {
        var placed = await PayAsync(sku, quantity, email, locale, card);
        return await new ConfirmOrder(_store, _provider, TimeProvider.System, NullLogger<ConfirmOrder>.Instance)
            .HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
    }

    /// <summary>
    /// Pays as <see cref="BuyAsync"/> does, then drives the paid transition from three sides at once: the buyer's
    /// confirm and the provider's <c>payment_intent.succeeded</c> webhook delivered twice. The order token, for tests
    /// that look for it where it must never be.
    /// </summary>
    public async Task<(Order Order, string Token)> BuyRacingWebhooksAsync(string sku, string email = "buyer@example.com", string locale = "ko")
    {
        var placed = await PayAsync(sku, 1, email, locale, "4242424242424242");
        var paymentId = placed.Order.PaymentId!;
        var events = await GetAsync("/v1/events?type=payment_intent.succeeded&limit=100");
        var body = events["data"]!.AsArray().Select(e => e!.ToJsonString())
            .Single(e => JsonNode.Parse(e)!["data"]!["object"]!["id"]!.GetValue<string>() == paymentId);
        var headers = new Dictionary<string, string>
        {
            ["Stripe-Signature"] = Stripe.EventUtility.GenerateSignatureHeader(body, _sandbox.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
        };
        var webhook = new HandleWebhook(_store, _provider, TimeProvider.System, NullLogger<HandleWebhook>.Instance);
        var confirm = new ConfirmOrder(_store, _provider, TimeProvider.System, NullLogger<ConfirmOrder>.Instance);
        await Task.WhenAll(
            Task.Run(() => confirm.HandleAsync(placed.Order.Id, placed.OrderToken, Ct)),
            Task.Run(() => webhook.HandleAsync(body, headers, Ct)),
            Task.Run(() => webhook.HandleAsync(body, headers, Ct)));
        return ((await _store.GetOrderAsync(placed.Order.Id, Ct))!, placed.OrderToken);
    }

    /// <summary>Delivers every event of <paramref name="type"/> the sandbox has raised to the shop's webhook, signed as the provider signs them.</summary>
    public async Task ApplyEventsAsync(string type)
    {
        var events = await GetAsync($"/v1/events?type={type}&limit=100");
        var webhook = new HandleWebhook(_store, _provider, TimeProvider.System, NullLogger<HandleWebhook>.Instance);
        foreach (var body in events["data"]!.AsArray().Select(e => e!.ToJsonString()))
        {
            var headers = new Dictionary<string, string>
            {
                ["Stripe-Signature"] = Stripe.EventUtility.GenerateSignatureHeader(body, _sandbox.WebhookSecret, DateTimeOffset.UtcNow.ToUnixTimeSeconds()),
            };
            await webhook.HandleAsync(body, headers, Ct);
        }
    }

    private async Task<PlacedOrder> PayAsync(string sku, int quantity, string email, string locale, string card)
    {
        var placed = await new PlaceOrder(_store, _provider, TimeProvider.System, new CheckoutOptions(), NullLogger<PlaceOrder>.Instance).HandleAsync(
            new PlaceOrderCommand([new CartItemInput(sku, quantity)], email,
                new ShippingInput("Kim Minji", "12 Sejong-daero", null, "Seoul", null, "04524", "KR"), locale), Ct);
        var method = await PostAsync("/v1/payment_methods",
            ("type", "card"), ("card[number]", card), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123"));
        var secret = placed.Order.ClientSecret!;
        await PostAsync($"/v1/payment_intents/{secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)]}/confirm",
            ("client_secret", secret), ("payment_method", method["id"]!.GetValue<string>()));
        return placed;
    }

    private async Task<JsonObject> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", _sandbox.SecretKey);
        using var response = await _browser.SendAsync(request, Ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        response.EnsureSuccessStatusCode();
        return json;
    }

    /// <summary>The shop refunds the whole order, which puts its units back on hand, or <paramref name="amount"/> of it.</summary>
    public Task RefundAsync(string orderId, long? amount = null) =>
        new RefundOrder(_store, _provider, TimeProvider.System, NullLogger<RefundOrder>.Instance).HandleAsync(orderId, amount, Ct);

    public async ValueTask DisposeAsync()
    {
        _browser.Dispose();
        _provider.Dispose();
        await _sandbox.DisposeAsync();
    }

    private async Task<JsonObject> PostAsync(string path, params (string Name, string Value)[] form)
    {
        using var content = new FormUrlEncodedContent(form.Select(p => new KeyValuePair<string, string>(p.Name, p.Value))
            .Prepend(new KeyValuePair<string, string>("key", _sandbox.PublishableKey)));
        using var response = await _browser.PostAsync(path, content, Ct);
        var json = JsonNode.Parse(await response.Content.ReadAsStringAsync(Ct))!.AsObject();
        response.EnsureSuccessStatusCode();
        return json;
    }
}
