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

    public static async Task<Buyer> StartAsync(ICheckoutStore store)
    {
        var sandbox = await SandboxServer.StartAsync(new SandboxOptions { Port = 0 }, Ct);
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
    public async Task<Order> BuyAsync(string sku, int quantity = 1)
    {
        var placed = await new PlaceOrder(_store, _provider, TimeProvider.System, new CheckoutOptions(), NullLogger<PlaceOrder>.Instance).HandleAsync(
            new PlaceOrderCommand([new CartItemInput(sku, quantity)], "buyer@example.com",
                new ShippingInput("Kim Minji", "12 Sejong-daero", null, "Seoul", null, "04524", "KR"), "ko"), Ct);
        var method = await PostAsync("/v1/payment_methods",
            ("type", "card"), ("card[number]", "4242424242424242"), ("card[exp_month]", "12"), ("card[exp_year]", "2099"), ("card[cvc]", "123"));
        var secret = placed.Order.ClientSecret!;
        await PostAsync($"/v1/payment_intents/{secret[..secret.IndexOf("_secret_", StringComparison.Ordinal)]}/confirm",
            ("client_secret", secret), ("payment_method", method["id"]!.GetValue<string>()));
        return await new ConfirmOrder(_store, _provider, TimeProvider.System, NullLogger<ConfirmOrder>.Instance)
            .HandleAsync(placed.Order.Id, placed.OrderToken, Ct);
    }

    /// <summary>The shop refunds the whole order, which puts its units back on hand.</summary>
    public Task RefundAsync(string orderId) =>
        new RefundOrder(_store, _provider, TimeProvider.System, NullLogger<RefundOrder>.Instance).HandleAsync(orderId, null, Ct);

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
