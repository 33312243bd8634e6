using System.Collections.Concurrent;
using System.Net;
using System.Text;

using Jamcart.Checkout.Errors;
using Jamcart.Checkout.Payments;
using Jamcart.Checkout.Storage;
using Jamcart.Checkout.UseCases;

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Jamcart.Checkout.Tests.Support;

/// <summary>
/// The shop's webhook route as the sandbox sees it: a loopback endpoint that hands each raw body and its headers to
/// <see cref="HandleWebhook"/> and answers as the functions host would (200, 400 for a bad signature, 503 when the
/// provider or the store is unavailable). While <see cref="Hold"/> is set it only keeps deliveries, so a test can
/// replay them itself, twice or in another order.
/// </summary>
internal sealed class WebhookEndpoint : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Delivery> _deliveries = new();

    private WebhookEndpoint(WebApplication app) => _app = app;

    public Uri Url { get; private set; } = null!;

    /// <summary>Where deliveries go; set once the use case exists.</summary>
    public HandleWebhook? Handler { get; set; }

    public bool Hold { get; set; }

    public IReadOnlyList<Delivery> Deliveries => [.. _deliveries];

    public static async Task<WebhookEndpoint> StartAsync(CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.Services.AddLogging();
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var endpoint = new WebhookEndpoint(app);
        app.Run(endpoint.ReceiveAsync);
        await app.StartAsync(cancellationToken);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        endpoint.Url = new Uri(address.TrimEnd('/') + "/api/webhooks/stripe");
        return endpoint;
    }

    /// <summary>Applies a delivery as the route would; the outcome, or the exception the route maps to an error.</summary>
    public async Task<WebhookOutcome> ApplyAsync(Delivery delivery) =>
        await (Handler ?? throw new InvalidOperationException("No handler yet.")).HandleAsync(delivery.Body, delivery.Headers, TestContext.Current.CancellationToken);

    /// <summary>The held deliveries of one event type, as the provider sent them.</summary>
    public IReadOnlyList<Delivery> Of(string type) => [.. Deliveries.Where(delivery => delivery.Type == type)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task ReceiveAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body, new UTF8Encoding(false));
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var headers = context.Request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var delivery = new Delivery(body, headers);
        if (Hold || Handler is null)
        {
            _deliveries.Enqueue(delivery);
            context.Response.StatusCode = StatusCodes.Status200OK;
            return;
        }

        try
        {
            delivery = delivery with { Outcome = await Handler.HandleAsync(body, headers, context.RequestAborted) };
            context.Response.StatusCode = StatusCodes.Status200OK;
        }
        catch (InvalidSignatureException)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
        }
        catch (PaymentProviderUnavailableException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }
        catch (StoreConflictException)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        }

        _deliveries.Enqueue(delivery);
    }
}

/// <summary>One webhook delivery as it arrived, and what the route made of it (null while held).</summary>
internal sealed record Delivery(string Body, IReadOnlyDictionary<string, string> Headers)
{
    public WebhookOutcome? Outcome { get; init; }

    public string Type => System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("type").GetString()!;

    public string EventId => System.Text.Json.JsonDocument.Parse(Body).RootElement.GetProperty("id").GetString()!;
}
