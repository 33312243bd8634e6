using BenchmarkDotNet.Attributes;

using Jamcart.Payments.Stripe;

using Stripe;

namespace Jamcart.Bench.HotPaths;

/// <summary>
/// The body of the PaymentIntent every checkout creates: as Stripe.net's typed services encode
/// <see cref="PaymentIntentCreateOptions"/> (reflection over every property on every call), and as the adapter writes
/// the same bytes (<see cref="StripeFormBody"/>; the request tests check they are equal).
/// </summary>
[MemoryDiagnoser]
public class StripeRequestBodies
{
    private static readonly Dictionary<string, string> Metadata = new(StringComparer.Ordinal) { ["order_id"] = "ord_h77vjjucdrro62ejrk3da3mqk5" };

    private readonly StripeClient _client = new("sk_test_benchmark");

    [Benchmark(Baseline = true, Description = "Stripe.net typed options")]
    public Task<string> StripeNetOptions()
    {
        var options = new PaymentIntentCreateOptions
        {
            AllowedPaymentMethodTypes = ["card"],
            Amount = 41000,
            Currency = "krw",
            Description = "Order ord_h77vjjucdrro62ejrk3da3mqk5",
            Metadata = new Dictionary<string, string>(Metadata, StringComparer.Ordinal),
        };
        var request = new StripeRequest(_client, HttpMethod.Post, "/v1/payment_intents", options, new RequestOptions { IdempotencyKey = "order:ord_1:create" });
        return request.Content.ReadAsStringAsync();
    }

    [Benchmark(Description = "adapter's StripeFormBody")]
    public string AdapterBody() =>
        StripeFormBody.ForPaymentIntent(41000, "krw", "Order ord_h77vjjucdrro62ejrk3da3mqk5", Metadata).ToString();
}
