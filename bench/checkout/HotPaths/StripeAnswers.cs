using System.Text.Json;

using BenchmarkDotNet.Attributes;

using Jamcart.Payments.Stripe;
using Jamcart.Payments.Stripe.Wire;

using Stripe;

namespace Jamcart.Bench.HotPaths;

/// <summary>
/// The PaymentIntent the provider answers every checkout with: read by Stripe.net into its <see cref="PaymentIntent"/>
/// (reflection-based converters), and by the adapter's source-generated wire types.
/// </summary>
[MemoryDiagnoser]
public class StripeAnswers
{
    // What the sandbox answers a checkout's create call with (the shape of Stripe's own answer).
    private const string Answer = """
        {
          "id": "pi_31NuNC9I3PUTdDZzXzgtAK89",
          "object": "payment_intent",
          "amount": 41000,
          "amount_capturable": 0,
          "amount_received": 0,
          "allowed_payment_method_types": ["card"],
          "automatic_payment_methods": null,
          "capture_method": "automatic",
          "client_secret": "pi_31NuNC9I3PUTdDZzXzgtAK89_secret_kXS1tlVlQX0tJdDE6OyejKqkW",
          "confirmation_method": "automatic",
          "created": 1795000000,
          "currency": "krw",
          "description": "Order ord_h77vjjucdrro62ejrk3da3mqk5",
          "last_payment_error": null,
          "latest_charge": null,
          "livemode": false,
          "metadata": { "order_id": "ord_h77vjjucdrro62ejrk3da3mqk5" },
          "next_action": null,
          "payment_method": null,
          "payment_method_types": ["card"],
          "status": "requires_payment_method"
        }
        """;

    private readonly StripeClient _client = new("sk_test_benchmark");

    [Benchmark(Baseline = true, Description = "Stripe.net PaymentIntent")]
    public string? StripeNetEntity() => _client.Deserialize<PaymentIntent>(Answer).Metadata["order_id"];

    [Benchmark(Description = "adapter's wire types")]
    public string? AdapterWireTypes() =>
        StripePaymentMapping.ToIntent(JsonSerializer.Deserialize(Answer, StripeJsonContext.Default.PaymentIntentObject)!).OrderId;
}
