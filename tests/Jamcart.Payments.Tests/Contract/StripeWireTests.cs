using System.Text.Json;
using System.Text.Json.Nodes;

using Jamcart.Payments.Stripe.Wire;
using Jamcart.Payments.Tests.Webhooks;

using Shouldly;

using Stripe;

namespace Jamcart.Payments.Tests.Contract;

/// <summary>
/// The adapter reads Stripe's objects with its own declared wire types: every field it reads must come out as
/// Stripe.net reads the same JSON, on Stripe's published example objects.
/// </summary>
public sealed class StripeWireTests
{
    [Fact]
    public void a_payment_intent_reads_as_stripe_net_reads_it()
    {
        var json = Event("payment_intent.payment_failed", intent =>
        {
            intent["last_payment_error"] = new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = "card_declined",
                ["decline_code"] = "insufficient_funds",
                ["message"] = "Your card has insufficient funds.",
                ["param"] = "payment_method",
            };
            intent["latest_charge"] = new JsonObject { ["id"] = "ch_1", ["object"] = "charge", ["amount"] = 1250, ["amount_refunded"] = 250, ["currency"] = "usd" };
        });

        var ours = DataObject(json).Deserialize(StripeJsonContext.Default.PaymentIntentObject)!;
        var theirs = (PaymentIntent)EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false).Data.Object;

        (ours.Object, ours.Id, ours.Status, ours.Amount, ours.Currency, ours.ClientSecret)
            .ShouldBe(("payment_intent", theirs.Id, theirs.Status, theirs.Amount, theirs.Currency, theirs.ClientSecret));
        ours.Metadata.ShouldBe(theirs.Metadata);
        var error = ours.LastPaymentError!;
        (error.Type, error.Code, error.DeclineCode, error.Message, error.Param).ShouldBe(
            (theirs.LastPaymentError.Type, theirs.LastPaymentError.Code, theirs.LastPaymentError.DeclineCode, theirs.LastPaymentError.Message, theirs.LastPaymentError.Param));
        ours.LatestCharge!.Value.GetProperty("amount_refunded").GetInt64().ShouldBe(theirs.LatestCharge.AmountRefunded);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void a_charge_reads_as_stripe_net_reads_it(bool expandedPaymentIntent)
    {
        var json = StripeEventBuilder.RefundedCharge("pi_7", amount: 5000, amountRefunded: 2000, orderId: "ord_7")
            .WithDataObject(charge =>
            {
                if (expandedPaymentIntent)
                {
                    charge["payment_intent"] = new JsonObject { ["id"] = "pi_7", ["object"] = "payment_intent", ["amount"] = 5000, ["currency"] = "usd" };
                }
            })
            .Build();

        var ours = DataObject(json).Deserialize(StripeJsonContext.Default.ChargeObject)!;
        var theirs = (Charge)EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false).Data.Object;

        (ours.Object, ours.Id, ours.Amount, ours.AmountRefunded, ours.Currency).ShouldBe(("charge", theirs.Id, theirs.Amount, theirs.AmountRefunded, theirs.Currency));
        ours.Metadata.ShouldBe(theirs.Metadata);
        var paymentIntent = ours.PaymentIntent!.Value;
        (paymentIntent.ValueKind == JsonValueKind.Object ? paymentIntent.GetProperty("id").GetString() : paymentIntent.GetString()).ShouldBe(theirs.PaymentIntentId);
    }

    [Fact]
    public void a_refund_reads_as_stripe_net_reads_it()
    {
        var json = Fixture("refund");
        json["payment_intent"] = "pi_9";
        var text = json.ToJsonString();

        var ours = JsonSerializer.Deserialize(text, StripeJsonContext.Default.RefundObject)!;
        var theirs = Refund.FromJson(text);

        (ours.Id, ours.Amount, ours.Currency, ours.PaymentIntent!.Value.GetString(), ours.Status).ShouldBe(
            (theirs.Id, theirs.Amount, theirs.Currency, theirs.PaymentIntentId, theirs.Status));
        DateTimeOffset.FromUnixTimeSeconds(ours.Created).UtcDateTime.ShouldBe(theirs.Created);
    }

    [Fact]
    public void an_event_envelope_reads_as_stripe_net_reads_it()
    {
        var json = Event("payment_intent.succeeded", _ => { });

        var ours = JsonSerializer.Deserialize(json, StripeJsonContext.Default.EventObject)!;
        var theirs = EventUtility.ParseEvent(json, throwOnApiVersionMismatch: false);

        (ours.Object, ours.Id, ours.Type, ours.ApiVersion).ShouldBe(("event", theirs.Id, theirs.Type, theirs.ApiVersion));
        DateTimeOffset.FromUnixTimeSeconds(ours.Created!.Value).UtcDateTime.ShouldBe(theirs.Created);
    }

    [Fact]
    public void an_error_body_reads_as_stripe_net_reads_it()
    {
        var intent = Fixture("payment_intent");
        var body = new JsonObject
        {
            ["error"] = new JsonObject
            {
                ["type"] = "card_error",
                ["code"] = "card_declined",
                ["decline_code"] = "lost_card",
                ["message"] = "Your card was declined.",
                ["param"] = "payment_method",
                ["payment_intent"] = intent,
            },
        }.ToJsonString();

        var ours = JsonSerializer.Deserialize(body, StripeJsonContext.Default.ErrorResponse)!.Error!;
        var theirs = StripeError.FromJson(JsonDocument.Parse(body).RootElement.GetProperty("error").GetRawText());

        (ours.Type, ours.Code, ours.DeclineCode, ours.Message, ours.Param, ours.PaymentIntent!.Id).ShouldBe(
            (theirs.Type, theirs.Code, theirs.DeclineCode, theirs.Message, theirs.Param, theirs.PaymentIntent.Id));
    }

    private static string Event(string type, Action<JsonObject> change) =>
        StripeEventBuilder.PaymentIntent(type, "requires_payment_method", "pi_42", 1250, "usd", "ord_42").WithDataObject(change).Build();

    private static JsonElement DataObject(string eventJson) =>
        JsonDocument.Parse(eventJson).RootElement.GetProperty("data").GetProperty("object").Clone();

    private static JsonObject Fixture(string name) =>
        JsonNode.Parse(System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Reference", "fixtures3.json")))!["resources"]![name]!.DeepClone().AsObject();
}
