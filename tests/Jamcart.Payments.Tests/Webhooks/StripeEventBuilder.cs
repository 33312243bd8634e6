using System.Text.Json;
using System.Text.Json.Nodes;

namespace Jamcart.Payments.Tests.Webhooks;

/// <summary>
/// Builds webhook bodies from Stripe's published example objects (Reference/fixtures3.json), changed only where a test
/// needs it, so the shapes are Stripe's and not guessed.
/// </summary>
internal sealed class StripeEventBuilder
{
    private static readonly Lazy<JsonObject> Fixtures = new(() =>
        JsonNode.Parse(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "fixtures3.json")))!["resources"]!.AsObject());

    private readonly JsonObject _event;

    private StripeEventBuilder(string type, JsonObject dataObject)
    {
        _event = Fixture("event");
        _event["id"] = "evt_test_" + Guid.NewGuid().ToString("N")[..16];
        _event["type"] = type;
        _event["api_version"] = "2026-10-28.endive";
        _event["created"] = 1_795_000_000;
        _event["data"] = new JsonObject { ["object"] = dataObject };
    }

    public string Id => (string)_event["id"]!;

    public JsonObject DataObject => _event["data"]!["object"]!.AsObject();

    /// <summary>An event about Stripe's example PaymentIntent, made to belong to an order.</summary>
    public static StripeEventBuilder PaymentIntent(
        string type,
        string status,
        string paymentId = "pi_test_contract",
        long amount = 1099,
        string currency = "usd",
        string orderId = "ord_test")
    {
        var intent = Fixture("payment_intent");
        intent["id"] = paymentId;
        intent["status"] = status;
        intent["amount"] = amount;
        intent["currency"] = currency;
        intent["metadata"] = new JsonObject { ["order_id"] = orderId };
        intent["client_secret"] = paymentId + "_secret_example";
        intent["last_payment_error"] = null;
        intent["next_action"] = null;
        intent["canceled_at"] = null;
        return new StripeEventBuilder(type, intent);
    }

    /// <summary>A <c>charge.refunded</c> event about Stripe's example charge, made to belong to a PaymentIntent and an order.</summary>
    public static StripeEventBuilder RefundedCharge(string paymentId, long amount, long amountRefunded, string currency = "usd", string orderId = "ord_test")
    {
        var charge = Fixture("charge");
        charge["payment_intent"] = paymentId;
        charge["amount"] = amount;
        charge["amount_captured"] = amount;
        charge["amount_refunded"] = amountRefunded;
        charge["refunded"] = amount == amountRefunded;
        charge["currency"] = currency;
        charge["metadata"] = new JsonObject { ["order_id"] = orderId };
        return new StripeEventBuilder("charge.refunded", charge);
    }

    /// <summary>A <c>refund.created</c> event about a refund of the PaymentIntent that went through.</summary>
    public static StripeEventBuilder CreatedRefund(string paymentId, long amount, string currency = "usd") =>
        new("refund.created", RefundObject(paymentId, amount, "succeeded", currency));

    /// <summary>A <c>charge.refund.updated</c> event about a refund of the PaymentIntent, in <paramref name="status"/>.</summary>
    public static StripeEventBuilder UpdatedRefund(string paymentId, long amount, string status, string currency = "usd") =>
        new("charge.refund.updated", RefundObject(paymentId, amount, status, currency));

    /// <summary>A <c>charge.dispute.*</c> event about a dispute of the PaymentIntent, in <paramref name="status"/>.</summary>
    public static StripeEventBuilder Dispute(string type, string paymentId, long amount, string status, string currency = "usd")
    {
        var dispute = Fixture("dispute");
        dispute["payment_intent"] = paymentId;
        dispute["amount"] = amount;
        dispute["currency"] = currency;
        dispute["reason"] = "fraudulent";
        dispute["status"] = status;
        return new StripeEventBuilder(type, dispute);
    }

    private static JsonObject RefundObject(string paymentId, long amount, string status, string currency)
    {
        var refund = Fixture("refund");
        refund["payment_intent"] = paymentId;
        refund["amount"] = amount;
        refund["currency"] = currency;
        refund["status"] = status;
        if (status == "failed")
        {
            refund["failure_reason"] = "expired_or_canceled_card";
        }

        return refund;
    }

    /// <summary>An event of any other type, about whatever object Stripe's example event carries (a plan).</summary>
    public static StripeEventBuilder Other(string type) =>
        new(type, Fixture("event")["data"]!["object"]!.DeepClone().AsObject());

    public StripeEventBuilder WithApiVersion(string apiVersion)
    {
        _event["api_version"] = apiVersion;
        return this;
    }

    public StripeEventBuilder WithCreated(DateTimeOffset created)
    {
        _event["created"] = created.ToUnixTimeSeconds();
        return this;
    }

    public StripeEventBuilder WithDataObject(Action<JsonObject> change)
    {
        change(DataObject);
        return this;
    }

    /// <summary>The body as Stripe sends it: compact JSON, one line.</summary>
    public string Build() => _event.ToJsonString(new JsonSerializerOptions { WriteIndented = false });

    private static JsonObject Fixture(string name) => Fixtures.Value[name]!.DeepClone().AsObject();
}
