using System.Net;
using System.Net.Sockets;
using System.Text;

using Jamcart.Checkout.Payments;
using Jamcart.Core;
using Jamcart.Payments.Stripe;

using Shouldly;

using Stripe;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The adapter writes the body of its PaymentIntent create itself (Stripe.net's encoder reflects over every property on
/// every request): what goes on the wire must be byte for byte what Stripe.net's own options object sends.
/// </summary>
public sealed class StripeCreateRequestTests
{
    private const string Intent = """
        {"id":"pi_1","object":"payment_intent","amount":27000,"currency":"krw","status":"requires_payment_method",
         "client_secret":"pi_1_secret_2","metadata":{"order_id":"ord_1"}}
        """;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("KRW", 27000, "Order ord_1")]
    [InlineData("USD", 1250, "Tea & cake: 100% [gift] for Jürgen, 50/50 + more")]
    [InlineData("KWD", 5120, null)]
    public async Task the_create_request_is_what_stripe_net_sends_for_the_same_options(string currency, long minor, string? description)
    {
        var amount = new Money(minor, Currency.Get(currency));
        var request = new CreatePaymentRequest("ord_1", amount, "order:ord_1:create")
        {
            Description = description,
            Metadata = new Dictionary<string, string> { ["shop"] = "Tea & Co", ["note[1]"] = "a b" },
        };
        await using var server = new CapturingServer();

        using (var provider = StripePaymentProvider.Create(Options(server.BaseUrl)))
        {
            var payment = await provider.CreateAsync(request, Ct);
            payment.Id.ShouldBe("pi_1");
            payment.ClientSecret.ShouldBe("pi_1_secret_2");
        }

        var stripe = new StripeClient(new StripeClientOptions
        {
            ApiKey = "sk_test_capture",
            ApiBase = server.BaseUrl.AbsoluteUri.TrimEnd('/'),
            HttpClient = new SystemNetHttpClient(new HttpClient(), 0, new AppInfo { Name = "Jamcart" }, enableTelemetry: false),
        });
        await stripe.V1.PaymentIntents.CreateAsync(
            new PaymentIntentCreateOptions
            {
                Amount = StripeAmounts.ToStripe(amount),
                Currency = StripeAmounts.CurrencyCode(amount.Currency),
                Description = description,
                Metadata = new Dictionary<string, string>(request.Metadata) { ["order_id"] = "ord_1" },
                AllowedPaymentMethodTypes = ["card"],
            },
            new RequestOptions { IdempotencyKey = "order:ord_1:create" },
            Ct);

        server.Requests.Count.ShouldBe(2);
        var (ours, stripeNets) = (server.Requests[0], server.Requests[1]);
        ours.Body.ShouldBe(stripeNets.Body);
        ours.Line.ShouldBe(stripeNets.Line);
        foreach (var header in new[] { "Content-Type", "Idempotency-Key", "Stripe-Version", "Authorization" })
        {
            ours.Headers.GetValueOrDefault(header).ShouldBe(stripeNets.Headers.GetValueOrDefault(header), header);
        }
    }

    private static StripeProviderOptions Options(Uri apiBase)
    {
        var options = new StripeProviderOptions
        {
            Name = StripeProviderOptions.SandboxName,
            SecretKey = "sk_test_capture",
            PublishableKey = "pk_test_capture",
            ApiBase = apiBase,
            MaxNetworkRetries = 0,
        };
        options.WebhookSecrets.Add("whsec_capture");
        return options;
    }

    private sealed record CapturedRequest(string Line, Dictionary<string, string> Headers, string Body);

    /// <summary>Answers every request with one PaymentIntent and keeps the request exactly as it arrived.</summary>
    private sealed class CapturingServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public CapturingServer()
        {
            _listener.Start();
            BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
            _loop = Task.Run(() => ServeAsync(_stop.Token));
        }

        public Uri BaseUrl { get; }

        public List<CapturedRequest> Requests { get; } = [];

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            _listener.Stop();
            await _loop.ContinueWith(_ => { }, TaskScheduler.Default);
            _stop.Dispose();
        }

        private async Task ServeAsync(CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                using var client = await _listener.AcceptTcpClientAsync(stop);
                await using var stream = client.GetStream();
                var request = await ReadRequestAsync(stream, stop);
                lock (Requests)
                {
                    Requests.Add(request);
                }

                var body = Encoding.UTF8.GetBytes(Intent);
                var head = $"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n";
                await stream.WriteAsync(Encoding.ASCII.GetBytes(head), stop);
                await stream.WriteAsync(body, stop);
            }
        }

        private static async Task<CapturedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken stop)
        {
            var received = new List<byte>();
            var buffer = new byte[4096];
            int headEnd;
            while ((headEnd = IndexOfBlankLine(received)) < 0)
            {
                var read = await stream.ReadAsync(buffer, stop);
                received.AddRange(buffer.AsSpan(0, read));
            }

            var head = Encoding.ASCII.GetString([.. received.Take(headEnd)]).Split("\r\n");
            var headers = head.Skip(1)
                .Select(line => line.Split(':', 2))
                .ToDictionary(parts => parts[0], parts => parts[1].Trim(), StringComparer.OrdinalIgnoreCase);
            var length = int.Parse(headers.GetValueOrDefault("Content-Length") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
            while (received.Count < headEnd + 4 + length)
            {
                var read = await stream.ReadAsync(buffer, stop);
                received.AddRange(buffer.AsSpan(0, read));
            }

            return new CapturedRequest(head[0], headers, Encoding.UTF8.GetString([.. received.Skip(headEnd + 4).Take(length)]));
        }

        private static int IndexOfBlankLine(List<byte> bytes)
        {
            for (var i = 0; i + 3 < bytes.Count; i++)
            {
                if (bytes[i] == '\r' && bytes[i + 1] == '\n' && bytes[i + 2] == '\r' && bytes[i + 3] == '\n')
                {
                    return i;
                }
            }

            return -1;
        }
    }
}
